import { parseArgs } from "node:util";
import {
  type CliValues,
  cliOptions,
  type FitCommandOptions,
  fitCommandOptions,
} from "../fit-arguments";
import { loadModelData } from "../input/model-data";
import { type LoadedTable, loadTable } from "../input/read-table";
import type { CliIo } from "../io";
import { UsageError } from "../usage-error";
import { buildCliModel, type CliModel, fitCliModel } from "./cli-model";

/** The flags of predict, simulate and bootstrap, beyond fit's. */
export const resamplingOptions = {
  ...cliOptions,
  newdata: { type: "string" },
  "new-levels": { type: "string" },
  terms: { type: "string" },
  trials: { type: "string" },
  type: { type: "string" },
  seed: { type: "string" },
  nsim: { type: "string" },
  n: { type: "string" },
  workers: { type: "string" },
  level: { type: "string" },
  csv: { type: "boolean" },
} as const;

export interface ResamplingValues extends CliValues {
  newdata?: string;
  "new-levels"?: string;
  terms?: string;
  trials?: string;
  type?: string;
  seed?: string;
  nsim?: string;
  n?: string;
  workers?: string;
  level?: string;
  csv?: boolean;
  help?: boolean;
}

/** Parsed flags, the fit options they imply, and the command's positionals. */
export interface ResamplingArguments {
  readonly values: ResamplingValues;
  readonly fitOptions: FitCommandOptions;
}

export function parseResamplingArguments(
  command: string,
  argv: readonly string[],
): ResamplingArguments {
  const parsed = parse(argv);
  const values = parsed.values as ResamplingValues;
  if (parsed.positionals.length === 0) {
    throw new UsageError(`${command} needs a CSV file, - or a dataset name`);
  }
  if (values.formula === undefined) throw new UsageError(`${command} needs --formula "<formula>"`);
  if (values.json && values.csv) throw new UsageError("--json and --csv exclude each other");
  return { values, fitOptions: fitCommandOptions(values, parsed.positionals) };
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, options: resamplingOptions });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** An integer flag within [min, max], or the default. */
export function integerFlag(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, not '${value}'`);
  }
  return number;
}

/**
 * The model of the command's data and formula, fitted as `fit` fits it: linear, or generalized
 * with `--family` (the same flags, family, link, nAGQ and offset as `fit`).
 */
export async function fittedModel(
  options: FitCommandOptions,
  io: CliIo,
): Promise<{ model: CliModel; loaded: LoadedTable }> {
  const loaded = await loadModelData(options, io);
  const model = fitCliModel(buildCliModel(options, loaded), options, () => {});
  return { model, loaded };
}

/** The --newdata table (a file, - or a dataset), read with the same column options. */
export async function newDataTable(
  source: string,
  options: FitCommandOptions,
  io: CliIo,
): Promise<LoadedTable> {
  return loadTable(
    source,
    { delimiter: options.delimiter, categorical: options.categorical, levels: options.levels },
    io,
  );
}

/** A CSV field: quoted when it holds a delimiter, quote or line break; NaN is empty (missing). */
export function csvField(value: string | number): string {
  if (typeof value === "number") return Number.isNaN(value) ? "" : String(value);
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(fields: readonly (string | number)[]): string {
  return `${fields.map(csvField).join(",")}\n`;
}
