// Fails when a package depends on (or imports) a package at its own layer or above.
// The layers follow DEVELOPERS.md: lower layers never import higher ones.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const layers = {
  "@mixedmodels/core": 0,
  "@mixedmodels/distributions": 0,
  // Below everything: the deterministic elementary functions every numerical layer may use.
  "@mixedmodels/math": -1,
  // formula imports core for the one error hierarchy (FormulaSyntaxError extends MixedModelsError).
  "@mixedmodels/formula": 1,
  "@mixedmodels/datasets": 1,
  "@mixedmodels/linalg": 1,
  "@mixedmodels/optim": 1,
  "@mixedmodels/testkit": 1,
  "@mixedmodels/families": 1,
  "@mixedmodels/random": 1,
  "@mixedmodels/modelmatrix": 2,
  "@mixedmodels/models": 3,
  "@mixedmodels/predict": 4,
  "@mixedmodels/duckdb": 4,
  "@mixedmodels/bootstrap": 5,
  "@mixedmodels/inference": 6,
  "@mixedmodels/report": 7,
  mixedmodels: 8,
  "@mixedmodels/cli": 9,
  // apps/web, the browser page: above everything, nothing imports it.
  "@mixedmodels/web": 10,
};
// Plotting, browser and bundler libraries are heavy: runtime dependencies of the cli and the page
// only, never of a library package (issue 15).
const heavyDependency = /^(vega|vega-lite|vega-embed|puppeteer-core|playwright-core|vite)$/;
const mayDependOnHeavy = new Set(["@mixedmodels/cli", "@mixedmodels/web"]);
// Packages that must stay free of any runtime dependency, ours or third-party, except core
// (types and error classes only, no runtime weight).
const allowedInDependencyFree = new Set(["@mixedmodels/core", "@mixedmodels/math"]);
const dependencyFree = new Set([
  "@mixedmodels/core",
  "@mixedmodels/formula",
  "@mixedmodels/distributions",
  "@mixedmodels/math",
]);

const problems = [];
const packagesDir = "packages";
const roots = [
  ...readdirSync(packagesDir).map((dir) => join(packagesDir, dir)),
  ...readdirSync("apps").map((dir) => join("apps", dir)),
];
for (const root of roots) {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const own = layers[manifest.name];
  if (own === undefined) {
    problems.push(`${manifest.name}: no layer assigned in tools/check-boundaries.mjs`);
    continue;
  }
  const runtime = Object.keys(manifest.dependencies ?? {});
  // @mixedmodels/math is itself dependency-free, and core holds only types and error classes;
  // the others may use them and stay so.
  const foreign = runtime.filter((dependency) => !allowedInDependencyFree.has(dependency));
  if (dependencyFree.has(manifest.name) && foreign.length > 0) {
    problems.push(`${manifest.name} must have no runtime dependencies, has ${foreign.join(", ")}`);
  }
  const checkEdge = (dependency, how) => {
    const layer = layers[dependency];
    if (layer === undefined) return;
    // testkit is a private dev helper; anything may use it for tests.
    if (dependency === "@mixedmodels/testkit" && how !== "dependency") return;
    if (layer >= own && dependency !== manifest.name) {
      problems.push(`${manifest.name} (layer ${own}) ${how} ${dependency} (layer ${layer})`);
    }
  };
  for (const dependency of runtime) checkEdge(dependency, "depends on");
  for (const dependency of runtime.filter((name) => heavyDependency.test(name))) {
    if (!mayDependOnHeavy.has(manifest.name)) {
      problems.push(`${manifest.name} depends on ${dependency}: only the cli and apps may`);
    }
  }
  for (const dependency of Object.keys(manifest.devDependencies ?? {})) {
    checkEdge(dependency, "dev-depends on");
  }
  // An optional peer (the CLI's @mixedmodels/duckdb) is loaded by a dynamic import where the user
  // installed it: a runtime import that is not in the package's own dependency tree.
  const optionalPeers = Object.keys(manifest.peerDependencies ?? {}).filter(
    (name) => manifest.peerDependenciesMeta?.[name]?.optional === true,
  );
  for (const dependency of optionalPeers) checkEdge(dependency, "optionally peers on");
  // Source imports must be declared dependencies and obey the layers too.
  const declared = new Set([
    ...runtime,
    ...optionalPeers,
    ...Object.keys(manifest.devDependencies ?? {}),
  ]);
  for (const file of listSources(join(root, "src"))) {
    const text = readFileSync(file, "utf8");
    const isTest = /\.test\.ts$/.test(file);
    for (const match of text.matchAll(
      /(?:from|import)\s*\(?\s*["']((?:@mixedmodels\/[a-z-]+)|mixedmodels)["']/g,
    )) {
      const target = match[1];
      if (target === manifest.name) continue;
      if (!declared.has(target)) problems.push(`${file} imports undeclared ${target}`);
      else if (
        !isTest &&
        !runtime.includes(target) &&
        !optionalPeers.includes(target) &&
        layers[target] !== undefined
      ) {
        problems.push(`${file} imports ${target}, which is only a devDependency`);
      }
      checkEdge(target, "imports");
    }
  }
}

function listSources(dir) {
  const out = [];
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const entry of entries) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...listSources(path));
    else if (/\.(ts|mts|cts|js|mjs)$/.test(entry)) out.push(path);
  }
  return out;
}

if (problems.length > 0) {
  console.error(`Layer check failed:\n  ${[...new Set(problems)].join("\n  ")}`);
  process.exit(1);
}
console.log(`Layer check passed (${roots.length} packages).`);
