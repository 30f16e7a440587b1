import { writeFile } from "node:fs/promises";
import { formatSummary, type MixedModel, saveFit } from "mixedmodels";
import type { FitCommandOptions } from "../fit-arguments";
import { loadModelData } from "../input/model-data";
import type { CliIo } from "../io";
import { createProgressIndicator } from "../progress-indicator";
import { summaryWithBuildWarnings } from "../model-warnings";
import { toFitJson } from "../summary-json";
import { UsageError } from "../usage-error";
import { buildCliModel, type CliModel, fitCliModel, isGeneralized } from "./cli-model";
import { modelFromDuckDB } from "./duckdb-engine";
import { inferenceJson, inferenceText } from "./inference-output";

export async function runFitCommand(options: FitCommandOptions, io: CliIo): Promise<number> {
  // --engine duckdb: the clock starts before DuckDB scans the file; in memory, once it is read.
  let started = performance.now();
  let model: CliModel;
  if (options.engine === "duckdb") model = await modelFromDuckDB(options);
  else {
    const loaded = await loadModelData(options, io);
    started = performance.now();
    model = buildCliModel(options, loaded);
  }
  const progress = createProgressIndicator(io, started);
  fitCliModel(model, options, (evaluation, theta, value) => {
    if (options.verbose)
      io.stderr(`f_${evaluation}: ${formatValue(value)}, [${formatTheta(theta)}]\n`);
    else progress.update(evaluation, value);
  });
  progress.done();
  const seconds = (performance.now() - started) / 1000;
  // --ddf / --confint (@mixedmodels/inference, commands/inference-output.ts): linear models only.
  const inference = options.inference;
  const tested = inference.ddf !== undefined || inference.confint !== undefined;
  if (tested && isGeneralized(options))
    throw new UsageError("--ddf and --confint apply to linear mixed models only");
  const extra = options.json && tested ? await inferenceJson(model as MixedModel, inference) : {};
  const text = options.json
    ? `${JSON.stringify({ ...toFitJson(model, { ranef: options.ranef, seconds: options.timing ? seconds : undefined }), ...extra })}\n`
    : tested
      ? `${await inferenceText(model as MixedModel, inference, options.format)}\n`
      : `${formatSummary(summaryWithBuildWarnings(model), { format: options.format })}\n`;
  if (options.save !== undefined)
    await writeOutput(options.save, `${JSON.stringify(saveFit(model))}\n`);
  if (options.output === undefined) io.stdout(text);
  else await writeOutput(options.output, text);
  return 0;
}

async function writeOutput(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text, "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`cannot write '${path}': ${reason}`);
  }
}

function formatValue(value: number): string {
  return value.toFixed(5);
}

function formatTheta(theta: Float64Array): string {
  return Array.from(theta, (value) => String(value)).join(", ");
}
