import { parentPort, workerData } from "node:worker_threads";
import { ReplicateEngine, type ReplicateSpec } from "./replicate-engine";

/**
 * Worker thread of `parametricBootstrap`: builds its own engine from the spec, then answers each
 * batch of replicate indices (increasing) with one message per replicate and one when done.
 */
const engine = new ReplicateEngine(workerData as ReplicateSpec);
parentPort?.on("message", (message: { indices: number[] }) => {
  try {
    for (const index of message.indices) {
      parentPort?.postMessage({ kind: "replicate", replicate: engine.replicate(index) });
    }
    parentPort?.postMessage({ kind: "batch-done" });
  } catch (error) {
    parentPort?.postMessage({ kind: "error", message: (error as Error).message });
  }
});
