import { defineConfig } from "tsup";

export default defineConfig({
  // `node` is the `@mixedmodels/modelmatrix/node` subpath (the file reader); the default entry
  // stays free of Node built-ins.
  entry: { index: "src/index.ts", node: "src/node.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  // The maps point at the shipped src/; embedding it again would ship the sources twice.
  esbuildOptions(options) {
    options.sourcesContent = false;
  },
  clean: true,
  target: "es2022",
  splitting: false,
  // Keep `node:` specifiers in the node entry.
  removeNodeProtocol: false,
});
