import { writeFile } from "node:fs/promises";
import { DataError, fit, formatSummary, lmm, type MixedModel, saveFit } from "mixedmodels";
import type { FitCommandOptions } from "../fit-arguments";
import { missingColumnHint } from "../input/missing-column-hint";
import { loadModelData } from "../input/model-data";
import type { CliIo } from "../io";
import { createProgressIndicator } from "../progress-indicator";
import { toFitJson } from "../summary-json";
import { UsageError } from "../usage-error";

const identifier = /^[A-Za-z_.][A-Za-z0-9_.]*$/;

/** The formula with `--offset COL` added as lme4's `offset(COL)` term. */
function formulaWithOffset(formula: string, offset: string | undefined): string {
  if (offset === undefined) return formula;
  if (!identifier.test(offset)) {
    throw new UsageError(`--offset needs a plain column name, not '${offset}'`);
  }
  return `${formula} + offset(${offset})`;
}

export async function runFitCommand(options: FitCommandOptions, io: CliIo): Promise<number> {
  const loaded = await loadModelData(options, io);
  const started = performance.now();
  let model: MixedModel;
  try {
    model = lmm(formulaWithOffset(options.formula, options.offset), loaded.table, {
      contrasts: options.contrasts,
      weights: options.weights,
    });
  } catch (error) {
    if (error instanceof DataError) {
      const hint = missingColumnHint(error, loaded);
      if (hint !== null) throw new DataError(`${error.message}\n${hint}`, { column: error.column });
    }
    throw error;
  }
  const progress = createProgressIndicator(io, started);
  fit(model, {
    reml: options.reml,
    progress: (evaluation, theta, value) => {
      if (options.verbose)
        io.stderr(`f_${evaluation}: ${formatValue(value)}, [${formatTheta(theta)}]\n`);
      else progress.update(evaluation, value);
    },
  });
  progress.done();
  const seconds = (performance.now() - started) / 1000;
  const text = options.json
    ? `${JSON.stringify(toFitJson(model, { ranef: options.ranef, seconds: options.timing ? seconds : undefined }))}\n`
    : `${formatSummary(model.summary(), { format: options.format })}\n`;
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
