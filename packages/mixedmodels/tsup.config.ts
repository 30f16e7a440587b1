import { defineConfig } from "tsup";

export default defineConfig({
  // `node` is the `mixedmodels/node` subpath; `fit-worker` is the script its worker thread runs,
  // found next to `node.js` at run time.
  entry: {
    index: "src/index.ts",
    node: "src/node/index.ts",
    "fit-worker": "src/node/fit-worker.ts",
  },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts", node: "src/node/index.ts" } },
  sourcemap: true,
  // The maps point at the shipped src/; embedding it again would ship the sources twice.
  esbuildOptions(options) {
    options.sourcesContent = false;
  },
  // import.meta.url in the CommonJS build of `node` (to find the worker script).
  shims: true,
  clean: true,
  target: "es2022",
  splitting: false,
});
