import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
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
  // The native binding is loaded at run time from node_modules, never bundled.
  external: ["@duckdb/node-api"],
});
