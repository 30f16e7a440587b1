import { FormulaSyntaxError, parseFormula } from "@mixedmodels/formula";
import embed from "vega-embed";
import type { Family, FitPlots, PageRequest, WorkerReply } from "./messages";
import { PRESETS } from "./presets";
import "./style.css";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const datasetSelect = $<HTMLSelectElement>("dataset");
const csvText = $<HTMLTextAreaElement>("csv-text");
const dropZone = $<HTMLDivElement>("drop-zone");
const formulaInput = $<HTMLInputElement>("formula");
const formulaError = $<HTMLPreElement>("formula-error");
const familySelect = $<HTMLSelectElement>("family");
const criterionSelect = $<HTMLSelectElement>("criterion");
const weightsInput = $<HTMLInputElement>("weights");
const fitButton = $<HTMLButtonElement>("fit");
const cancelButton = $<HTMLButtonElement>("cancel");
const progressLine = $<HTMLParagraphElement>("progress");
const progressLog = $<HTMLPreElement>("progress-log");
const summaryView = $<HTMLDivElement>("summary");
const groupSelect = $<HTMLSelectElement>("plot-group");

// The worker is started at load, not at the first fit, so every script the page needs is fetched
// while online: after that the page works offline (datasets are bundled into the worker).
const worker = new Worker(new URL("./fit-worker.ts", import.meta.url), { type: "module" });
// With cross-origin isolation (the COOP/COEP headers `pnpm web` sends) a shared flag cancels the
// fit through its AbortSignal within one evaluation; without it, terminating the worker is the
// only way to stop a thread that is busy in a synchronous fit.
const canShareFlag = typeof SharedArrayBuffer === "function" && globalThis.crossOriginIsolated;
let cancelFlag: Int32Array | null = null;
let fitting = false;
let tableReady = false;
let formulaValid = false;
let plots: FitPlots | null = null;
let copied = { json: "", markdown: "" };

function send(request: PageRequest): void {
  worker.postMessage(request);
}

function updateButtons(): void {
  fitButton.disabled = fitting || !tableReady || !formulaValid;
  cancelButton.disabled = !fitting;
}

/** The parser's own message (reason, line and column, the caret line) under the box, live. */
function checkFormula(): void {
  try {
    parseFormula(formulaInput.value);
    formulaError.textContent = "";
    formulaValid = true;
  } catch (error) {
    formulaValid = false;
    formulaError.textContent = error instanceof FormulaSyntaxError ? error.message : String(error);
  }
  updateButtons();
}

function chooseDataset(name: string): void {
  const preset = PRESETS[name];
  if (preset !== undefined) {
    formulaInput.value = preset.formula;
    familySelect.value = preset.family;
    weightsInput.value = preset.weights ?? "";
    checkFormula();
  }
  tableReady = false;
  updateButtons();
  send({ type: "dataset", name });
}

function loadCsv(text: string, label: string): void {
  datasetSelect.value = "";
  tableReady = false;
  updateButtons();
  send({ type: "csv", text, label });
}

function startFit(): void {
  fitting = true;
  updateButtons();
  progressLog.textContent = "";
  progressLine.textContent = "starting…";
  delete progressLine.dataset.evaluation;
  delete progressLine.dataset.cancelledAt;
  cancelFlag = canShareFlag ? new Int32Array(new SharedArrayBuffer(4)) : null;
  send({
    type: "fit",
    formula: formulaInput.value,
    reml: criterionSelect.value === "reml",
    family: familySelect.value as Family,
    weights: weightsInput.value.trim() === "" ? null : weightsInput.value.trim(),
    cancelFlag: cancelFlag === null ? null : (cancelFlag.buffer as SharedArrayBuffer),
  });
}

function cancelFit(): void {
  if (cancelFlag !== null) {
    Atomics.store(cancelFlag, 0, 1);
    progressLine.textContent += " — cancelling…";
    return;
  }
  // Not isolated: no shared memory, so stop the thread itself.
  worker.terminate();
  progressLine.textContent = "cancelled (worker stopped); reload the page to fit again";
  fitting = false;
  updateButtons();
}

async function showPlots(): Promise<void> {
  if (plots === null) return;
  const group = groupSelect.value || plots.groups[0];
  const options = {
    renderer: "svg",
    actions: { export: true, source: false, compiled: false, editor: false },
  } as const;
  await Promise.all([
    embed("#plot-caterpillar", plots.caterpillar[group] as never, options),
    embed("#plot-qq", plots.qq[group] as never, options),
    embed("#plot-residuals", plots.residuals as never, options),
  ]);
  document.body.dataset.plotsRendered = group;
}

function renderColumns(reply: Extract<WorkerReply, { type: "table" }>): void {
  $<HTMLParagraphElement>("table-label").textContent =
    `${reply.label}: ${reply.nrow} rows, ${reply.columns.length} columns`;
  const body = document.querySelector("#columns tbody") as HTMLTableSectionElement;
  body.replaceChildren(
    ...reply.columns.map((column) => {
      const row = document.createElement("tr");
      for (const text of [
        column.name,
        column.type,
        column.levels?.toString() ?? "",
        String(column.missing),
      ]) {
        const cell = document.createElement("td");
        cell.textContent = text;
        row.append(cell);
      }
      return row;
    }),
  );
}

const formatNumber = (x: number) => x.toPrecision(8);

worker.onmessage = (event: MessageEvent<WorkerReply>) => {
  const reply = event.data;
  if (reply.type === "ready") {
    datasetSelect.replaceChildren(
      new Option("(a CSV of your own)", ""),
      ...reply.datasets.map(
        (d) => new Option(`${d.rName} (${d.nrow} rows): ${d.description.slice(0, 60)}…`, d.name),
      ),
    );
    datasetSelect.value = "sleepstudy";
    chooseDataset("sleepstudy");
  } else if (reply.type === "table") {
    tableReady = true;
    renderColumns(reply);
    updateButtons();
  } else if (reply.type === "progress") {
    const line = `evaluation ${reply.evaluation}: objective ${formatNumber(reply.objective)}, θ = [${reply.theta.map(formatNumber).join(", ")}]`;
    progressLine.textContent = line;
    progressLine.dataset.evaluation = String(reply.evaluation);
    progressLog.textContent += `${line}\n`;
  } else if (reply.type === "fitted") {
    fitting = false;
    updateButtons();
    progressLine.textContent = `fitted in ${reply.milliseconds.toFixed(0)} ms (${reply.evaluations} evaluations)`;
    document.body.dataset.fitMilliseconds = String(reply.milliseconds);
    summaryView.innerHTML = reply.summaryHtml;
    copied = { json: reply.modelJson, markdown: reply.summaryMarkdown };
    for (const id of ["copy-json", "copy-markdown"]) $<HTMLButtonElement>(id).disabled = false;
    plots = reply.plots;
    groupSelect.replaceChildren(...reply.plots.groups.map((g) => new Option(g, g)));
    void showPlots();
  } else if (reply.type === "cancelled") {
    fitting = false;
    updateButtons();
    progressLine.textContent = `cancelled after ${reply.evaluations} evaluations`;
    progressLine.dataset.cancelledAt = String(reply.evaluations);
  } else {
    fitting = false;
    tableReady = tableReady || reply.name !== "DataError";
    updateButtons();
    progressLine.textContent = `${reply.name}: ${reply.message}`;
  }
};

async function copy(kind: "json" | "markdown"): Promise<void> {
  const status = $<HTMLSpanElement>("copy-status");
  try {
    await navigator.clipboard.writeText(copied[kind]);
    status.textContent = kind === "json" ? "model JSON copied" : "summary Markdown copied";
  } catch {
    status.textContent = "the browser refused the clipboard; select the text instead";
  }
}

datasetSelect.addEventListener("change", () => {
  if (datasetSelect.value !== "") chooseDataset(datasetSelect.value);
});
formulaInput.addEventListener("input", checkFormula);
fitButton.addEventListener("click", startFit);
cancelButton.addEventListener("click", cancelFit);
groupSelect.addEventListener("change", () => void showPlots());
$<HTMLButtonElement>("copy-json").addEventListener("click", () => void copy("json"));
$<HTMLButtonElement>("copy-markdown").addEventListener("click", () => void copy("markdown"));
$<HTMLButtonElement>("load-csv").addEventListener("click", () =>
  loadCsv(csvText.value, "pasted CSV"),
);
dropZone.addEventListener("dragover", (event) => {
  event.preventDefault();
  dropZone.classList.add("over");
});
dropZone.addEventListener("dragleave", () => dropZone.classList.remove("over"));
dropZone.addEventListener("drop", (event) => {
  event.preventDefault();
  dropZone.classList.remove("over");
  const file = event.dataTransfer?.files[0];
  if (file !== undefined) void file.text().then((text) => loadCsv(text, file.name));
});
