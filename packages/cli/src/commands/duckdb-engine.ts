import type { MixedModel } from "mixedmodels";
import type { FitCommandOptions } from "../fit-arguments";
import { UsageError } from "../usage-error";
import { isGeneralized } from "./cli-model";

/**
 * `fit FILE --engine duckdb`: the model's cross-products are computed by DuckDB over the file
 * (Parquet or CSV), so the rows never enter memory. @mixedmodels/duckdb is an optional peer of
 * the CLI, loaded only here, so DuckDB's native binary stays out of the CLI's dependency tree.
 */
export async function modelFromDuckDB(options: FitCommandOptions): Promise<MixedModel> {
  if (isGeneralized(options)) {
    throw new UsageError(
      "--engine duckdb fits linear mixed models only: a GLMM needs a pass over the data per PIRLS iteration",
    );
  }
  const unsupported: [string, boolean][] = [
    ["--schema", options.schema !== undefined],
    ["--delimiter", options.delimiter !== undefined],
    ["--reference", Object.keys(options.reference).length > 0],
  ];
  for (const [flag, given] of unsupported) {
    if (given) throw new UsageError(`${flag} does not go with --engine duckdb`);
  }
  const source = duckdbSource(options.source);
  let engine: typeof import("@mixedmodels/duckdb");
  try {
    engine = await import("@mixedmodels/duckdb");
  } catch {
    throw new UsageError(
      "--engine duckdb needs the package @mixedmodels/duckdb beside the CLI: npm install @mixedmodels/duckdb",
    );
  }
  const formula =
    options.offset === undefined
      ? options.formula
      : `${options.formula} + offset(${plainColumn(options.offset)})`;
  return engine.lmmFromDuckDB(formula, source, {
    reml: options.reml,
    weights: options.weights,
    categorical: options.categorical,
    levels: options.levels,
    contrasts: options.contrasts,
  });
}

/** `--offset` names a column; anything else would be spliced into the formula. */
function plainColumn(name: string): string {
  if (!/^[A-Za-z_.][A-Za-z0-9_.]*$/.test(name)) {
    throw new UsageError(`--offset needs a plain column name, not '${name}'`);
  }
  return name;
}

/** The table expression DuckDB reads the file with; its path as a SQL string literal. */
function duckdbSource(path: string): string {
  const literal = `'${path.replaceAll("'", "''")}'`;
  if (/\.parquet$/i.test(path)) return `read_parquet(${literal})`;
  if (/\.(csv|tsv|txt)$/i.test(path)) return `read_csv(${literal}, header = true)`;
  throw new UsageError(`--engine duckdb reads a .parquet or .csv file, not '${path}'`);
}
