// Writes the publishing metadata of every public package (repository, homepage, bugs, keywords,
// license, files) and copies the root LICENSE beside it. Idempotent; run after adding a package:
//   node tools/release/package-metadata.mjs
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { publicPackages } from "./pack.mjs";

const root = resolve(import.meta.dirname, "../..");
export const repositoryUrl = "https://github.com/mixedmodels/mixedmodels";

const shared = ["mixed-models", "mixed-effects", "lme4", "statistics", "typescript"];
const specific = {
  cli: ["cli", "command-line", "csv"],
  core: ["types", "errors", "data-table"],
  datasets: ["datasets", "sleepstudy", "insteval"],
  distributions: ["normal", "chi-square", "student-t", "quantile"],
  duckdb: ["duckdb", "sql", "parquet", "out-of-core"],
  families: ["glm", "link-function", "binomial", "poisson"],
  inference: ["satterthwaite", "kenward-roger", "confidence-intervals", "profile-likelihood", "anova"],
  formula: ["formula", "parser", "wilkinson"],
  linalg: ["linear-algebra", "cholesky", "sparse"],
  math: ["deterministic", "elementary-functions", "exp", "log"],
  mixedmodels: ["regression", "reml", "glmm", "lmm", "broom"],
  modelmatrix: ["model-matrix", "contrasts", "design-matrix"],
  models: ["linear-mixed-model", "reml", "profiled-deviance"],
  optim: ["optimization", "bobyqa", "nelder-mead"],
  predict: ["prediction", "simulation"],
  random: ["random", "rng", "xoroshiro"],
  report: ["summary", "markdown", "latex", "html"],
};

// What a tarball holds: the build, the TypeScript sources once (the maps point at them and carry
// no sourcesContent), never tests, test helpers, snapshots or bench helpers.
const files = [
  "dist",
  "src",
  "!src/**/*.test.ts",
  "!src/**/*.test-helper.ts",
  "!src/**/__snapshots__",
  "!src/**/*.bench.ts",
];

for (const { path, manifest } of publicPackages()) {
  const directory = basename(path);
  const next = {
    ...manifest,
    license: "MIT",
    repository: {
      type: "git",
      url: `git+${repositoryUrl}.git`,
      directory: `packages/${directory}`,
    },
    homepage: `${repositoryUrl}/tree/main/packages/${directory}#readme`,
    bugs: { url: `${repositoryUrl}/issues` },
    keywords: [...new Set([...shared, ...(specific[directory] ?? [])])],
    files: manifest.bin ? ["bin", ...files] : files,
  };
  const text = `${JSON.stringify(next, null, 2)}\n`;
  if (text !== readFileSync(join(path, "package.json"), "utf8")) {
    writeFileSync(join(path, "package.json"), text);
    console.log(`updated ${manifest.name}`);
  }
  copyFileSync(join(root, "LICENSE"), join(path, "LICENSE"));
}
