// The fit runs here, off the page's thread, so the page stays responsive during a long fit
// (InstEval takes seconds). The worker holds the current table; the page sees only its columns.
import { datasetInfo, datasetNames, loadDataset } from "@mixedmodels/datasets";
import {
  caterpillarSpec,
  type DataTable,
  FitAbortedError,
  fit,
  formatSummary,
  glmm,
  groupingFactors,
  lmm,
  parseCsv,
  qqSpec,
  residualSpec,
  type VegaLiteSpec,
} from "mixedmodels";
import type { ColumnDescription, FitPlots, PageRequest, WorkerReply } from "./messages";

// The worker's global scope, typed by what this file uses (the DOM and WebWorker libs cannot
// both be in one program).
const scope = self as unknown as {
  postMessage(message: WorkerReply): void;
  onmessage: ((event: MessageEvent<PageRequest>) => void) | null;
};

let table: DataTable | null = null;

function reply(message: WorkerReply): void {
  scope.postMessage(message);
}

function describeColumns(data: DataTable): ColumnDescription[] {
  return data.names.map((name) => {
    const column = data.columns[name];
    if (column.kind === "categorical") {
      let missing = 0;
      for (const code of column.codes) if (code < 0) missing++;
      return { name, type: "categorical", levels: column.levels.length, missing };
    }
    let missing = 0;
    for (const value of column.values) if (Number.isNaN(value)) missing++;
    return { name, type: "numeric", missing };
  });
}

function useTable(data: DataTable, label: string): void {
  table = data;
  reply({ type: "table", label, nrow: data.nrow, columns: describeColumns(data) });
}

type FittedModel = ReturnType<typeof lmm> | ReturnType<typeof glmm>;

function plotsOf(model: FittedModel): FitPlots {
  const groups = groupingFactors(model);
  const caterpillar: Record<string, VegaLiteSpec> = Object.create(null);
  const qq: Record<string, VegaLiteSpec> = Object.create(null);
  for (const group of groups) {
    caterpillar[group] = caterpillarSpec(model, { group });
    qq[group] = qqSpec(model, { group });
  }
  return { groups, caterpillar, qq, residuals: residualSpec(model) };
}

function runFit(request: Extract<PageRequest, { type: "fit" }>): void {
  if (table === null) throw new Error("choose a dataset or load a CSV first");
  // Cancel: the page sets the shared flag; the check after each evaluation turns it into an
  // abort of FitOptions.signal, which the fit honours before its next evaluation. (A message
  // could not arrive: this thread is busy in the fit until it returns.)
  const flag = request.cancelFlag === null ? null : new Int32Array(request.cancelFlag);
  const controller = new AbortController();
  let evaluations = 0;
  const progress = (evaluation: number, theta: Float64Array, objective: number) => {
    evaluations = evaluation;
    reply({ type: "progress", evaluation, objective, theta: Array.from(theta) });
    if (flag !== null && Atomics.load(flag, 0) === 1) controller.abort("cancelled on the page");
  };
  const started = performance.now();
  let model: FittedModel;
  try {
    if (request.family === "gaussian") {
      model = fit(lmm(request.formula, table), {
        reml: request.reml,
        progress,
        signal: controller.signal,
      });
    } else {
      const options = {
        family: request.family,
        ...(request.weights ? { weights: request.weights } : {}),
        // A two-level factor response (VerbAgg's r2 = N/Y) is 0/1 with the first level the
        // failure, as R's binomial() reads it; the CLI does the same.
        binaryResponse: request.family === "bernoulli" || request.family === "binomial",
      };
      model = fit(glmm(request.formula, table, options), { progress, signal: controller.signal });
    }
  } catch (error) {
    if (error instanceof FitAbortedError) {
      reply({ type: "cancelled", evaluations });
      return;
    }
    throw error;
  }
  const milliseconds = performance.now() - started;
  const summary = model.summary();
  reply({
    type: "fitted",
    milliseconds,
    evaluations,
    summaryHtml: formatSummary(summary, { format: "html" }),
    summaryMarkdown: formatSummary(summary, { format: "markdown" }),
    modelJson: JSON.stringify(summary, null, 2),
    plots: plotsOf(model),
  });
}

function handle(request: PageRequest): void {
  if (request.type === "dataset") useTable(loadDataset(request.name), request.name);
  else if (request.type === "csv") useTable(parseCsv(request.text), request.label);
  else runFit(request);
}

scope.onmessage = (event: MessageEvent<PageRequest>) => {
  try {
    handle(event.data);
  } catch (error) {
    const name = error instanceof Error ? error.name : "Error";
    reply({ type: "error", name, message: error instanceof Error ? error.message : String(error) });
  }
};

reply({
  type: "ready",
  datasets: datasetNames.map((name) => {
    const info = datasetInfo(name);
    return { name, rName: info.rName, nrow: info.nrow, description: info.description };
  }),
});
