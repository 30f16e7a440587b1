import { defineConfig } from "vite";

// Cross-origin isolation lets the page share memory with its fit worker, which is how Cancel
// reaches a fit that keeps the worker's thread busy (see src/main.ts). Static hosts that cannot
// send these headers still work: Cancel then terminates the worker.
const isolation = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  // Relative asset URLs: the built page can be served from any directory.
  base: "./",
  // The workspace packages from their TypeScript sources in dev, from dist in a build.
  worker: { format: "es" },
  build: { target: "es2022", chunkSizeWarningLimit: 2000 },
  server: { headers: isolation },
  preview: { headers: isolation },
});
