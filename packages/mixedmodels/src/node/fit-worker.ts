import { parentPort, workerData } from "node:worker_threads";
import { fit } from "../fit";
import { lmm } from "../lmm";
import { saveFit } from "../saved-fit/save-fit";
import type { FitReply, FitRequest } from "./fit-messages";

// The worker side of `fitAsync`: build and fit the model, answer with the saved fit, which the
// main thread restores on its own copy of the data (so its accessors give the worker's bits).
const port = parentPort;
if (port === null) throw new Error("fit-worker runs only as a worker thread");
const request = workerData as FitRequest;
const reply = (message: FitReply) => port.postMessage(message);
try {
  const model = lmm(request.formula, request.data, request.options);
  fit(model, {
    ...request.fit,
    progress: request.progress
      ? (evaluation, theta, value) => reply({ kind: "progress", evaluation, theta, value })
      : undefined,
  });
  reply({ kind: "done", saved: saveFit(model) });
} catch (error) {
  const details = error as {
    name?: string;
    message?: string;
    code?: string;
    column?: string;
    row?: number;
  };
  reply({
    kind: "error",
    name: details?.name ?? "Error",
    message: details?.message ?? String(error),
    code: details?.code,
    column: details?.column,
    row: details?.row,
  });
}
