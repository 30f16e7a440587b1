import { defineConfig } from "tsup";

export default defineConfig({
  // The worker is its own entry: worker threads load it by file.
  entry: ["src/index.ts", "src/bootstrap-worker.ts"],
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
  shims: true,
});
