// Tests run this package from its TypeScript source: this worker entry registers tsx in the
// worker thread, then loads the TypeScript worker (the built package uses dist/bootstrap-worker.js).
import { register } from "tsx/esm/api";

register();
await import("./bootstrap-worker.ts");
