// One-off scaffolding: writes the standard files of a package if they do not exist yet.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const packages = [
  [
    "core",
    "@mixedmodels/core",
    "Shared types and specifications (Optimizer, tables, errors) of mixedmodels.",
    {},
  ],
  ["formula", "@mixedmodels/formula", "lme4 / MixedModels.jl formula parser: text to terms.", {}],
  [
    "distributions",
    "@mixedmodels/distributions",
    "Normal, chi-square, t: cdf, survival and quantile, accurate in the tails.",
    {},
  ],
  [
    "datasets",
    "@mixedmodels/datasets",
    "The classic mixed-model example datasets.",
    { "@mixedmodels/core": "workspace:^" },
  ],
  [
    "linalg",
    "@mixedmodels/linalg",
    "Column-major dense kernels, block matrices and the blocked Cholesky.",
    { "@mixedmodels/core": "workspace:^" },
  ],
  [
    "optim",
    "@mixedmodels/optim",
    "Derivative-free optimizers (BOBYQA, Nelder-Mead) implementing the Optimizer spec.",
    { "@mixedmodels/core": "workspace:^" },
  ],
  [
    "modelmatrix",
    "@mixedmodels/modelmatrix",
    "Tables, schema, contrasts, X, y and random-effects terms.",
    {
      "@mixedmodels/core": "workspace:^",
      "@mixedmodels/formula": "workspace:^",
      "@mixedmodels/linalg": "workspace:^",
    },
  ],
  [
    "models",
    "@mixedmodels/models",
    "LinearMixedModel: profiled objective, fit and accessors.",
    {
      "@mixedmodels/core": "workspace:^",
      "@mixedmodels/formula": "workspace:^",
      "@mixedmodels/linalg": "workspace:^",
      "@mixedmodels/modelmatrix": "workspace:^",
      "@mixedmodels/distributions": "workspace:^",
    },
  ],
  [
    "report",
    "@mixedmodels/report",
    "Text, Markdown, HTML and LaTeX output for fitted mixed models; likelihood-ratio tests.",
    { "@mixedmodels/core": "workspace:^", "@mixedmodels/distributions": "workspace:^" },
  ],
  [
    "mixedmodels",
    "mixedmodels",
    "Mixed-effects models for TypeScript: lmm(), fit() and everything re-exported.",
    {
      "@mixedmodels/core": "workspace:^",
      "@mixedmodels/formula": "workspace:^",
      "@mixedmodels/distributions": "workspace:^",
      "@mixedmodels/linalg": "workspace:^",
      "@mixedmodels/optim": "workspace:^",
      "@mixedmodels/modelmatrix": "workspace:^",
      "@mixedmodels/models": "workspace:^",
      "@mixedmodels/report": "workspace:^",
    },
  ],
  [
    "cli",
    "@mixedmodels/cli",
    "The `mixedmodels` command.",
    { mixedmodels: "workspace:^", "@mixedmodels/datasets": "workspace:^" },
  ],
  [
    "testkit",
    "@mixedmodels/testkit",
    "Private: shared fast-check arbitraries, tolerance helpers and conformance suites.",
    { "@mixedmodels/core": "workspace:^" },
  ],
];

for (const [dir, name, description, dependencies] of packages) {
  const root = join("packages", dir);
  mkdirSync(join(root, "src"), { recursive: true });
  const isPrivate = dir === "testkit";
  const pkg = {
    name,
    version: "0.1.0",
    description,
    license: "MIT",
    type: "module",
    sideEffects: false,
    ...(isPrivate ? { private: true } : {}),
    exports: {
      ".": {
        "@mixedmodels/source": "./src/index.ts",
        import: { types: "./dist/index.d.ts", default: "./dist/index.js" },
        require: { types: "./dist/index.d.cts", default: "./dist/index.cjs" },
      },
      "./package.json": "./package.json",
    },
    main: "./dist/index.cjs",
    module: "./dist/index.js",
    types: "./dist/index.d.cts",
    files: ["dist", "src", "!src/**/*.test.ts"],
    engines: { node: ">=20.19" },
    scripts: { build: "tsup", typecheck: "tsc --noEmit", test: "vitest run" },
    dependencies,
    devDependencies: {
      ...(dir === "testkit" || dir === "core" ? {} : { "@mixedmodels/testkit": "workspace:*" }),
      "@types/node": "catalog:",
      "fast-check": "catalog:",
      tsup: "catalog:",
      typescript: "catalog:",
      vitest: "catalog:",
    },
  };
  const write = (file, text) => {
    const path = join(root, file);
    if (!existsSync(path)) writeFileSync(path, text);
  };
  write("package.json", `${JSON.stringify(pkg, null, 2)}\n`);
  write(
    "tsup.config.ts",
    `import { defineConfig } from "tsup";\n\nexport default defineConfig({\n  entry: ["src/index.ts"],\n  format: ["esm", "cjs"],\n  dts: true,\n  sourcemap: true,\n  clean: true,\n  target: "es2022",\n  splitting: false,\n});\n`,
  );
  write(
    "tsconfig.json",
    `{\n  "extends": "../../tsconfig.base.json",\n  "compilerOptions": { "noEmit": true },\n  "include": ["src", "test"]\n}\n`,
  );
  write(
    "vitest.config.ts",
    `import { packageTestConfig } from "../../tools/vitest-package";\n\nexport default packageTestConfig("${dir}");\n`,
  );
  write("src/index.ts", `export {};\n`);
  write("README.md", `# ${name}\n\n${description}\n`);
}
