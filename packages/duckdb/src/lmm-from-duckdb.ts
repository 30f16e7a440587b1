import type { DuckDBConnection } from "@duckdb/node-api";
import { DataError } from "@mixedmodels/core";
import { type ParsedFormula, parseFormula } from "@mixedmodels/formula";
import type { Contrast } from "@mixedmodels/modelmatrix";
import {
  type CrossProductLinearMixedModel,
  type LinearMixedModelOptions,
  linearMixedModelFromCrossProducts,
} from "@mixedmodels/models";
import { readCrossProducts } from "./cross-product-reader";
import { crossProductQueries, queriesText } from "./cross-product-sql";
import { DuckDBRunner } from "./duckdb-runner";
import { factorVariables, type SchemaOptions, SqlSourceSchema } from "./source-schema";
import { sqlDesign } from "./sql-design";
import { quoteIdentifier } from "./sql-expression";

/** Options of `lmmFromDuckDB` and `crossProductSQL`: those of `buildModelParts` that apply. */
export interface DuckDBModelOptions extends SchemaOptions, LinearMixedModelOptions {
  /** Codings of categorical variables by column or factor label (default treatment). */
  readonly contrasts?: Readonly<Record<string, Contrast>>;
  /** Case weights: a numeric column of the source. */
  readonly weights?: string;
  /** Merge random-effects terms on the same grouping factor (default true). */
  readonly amalgamate?: boolean;
  /** An open DuckDB connection to run on (default: a new in-memory database, closed after). */
  readonly connection?: DuckDBConnection;
}

/**
 * Read the schema of `source` and the levels of the formula's categorical factors by SQL: the
 * column types from an empty result, the levels by SELECT DISTINCT over the complete rows.
 */
async function readSchema(
  runner: DuckDBRunner,
  formula: ParsedFormula,
  source: string,
  options: DuckDBModelOptions,
): Promise<SqlSourceSchema> {
  const { names, types } = await runner.describe(`SELECT * FROM ${source} WHERE 1 = 0`);
  const schema = new SqlSourceSchema(names, types, options);
  const variables = [...formula.variables];
  if (options.weights !== undefined && !variables.includes(options.weights)) {
    variables.push(options.weights);
  }
  for (const name of variables) schema.column(name);
  const complete = variables.map((name) => schema.presentPredicate(name)).join(" AND ");
  for (const name of factorVariables(formula, schema)) {
    const column = quoteIdentifier(name);
    const rows = await runner.rows(`SELECT DISTINCT ${column} FROM ${source} WHERE ${complete}`);
    schema.setLevels(
      name,
      rows.map((row) => String(row[0])),
    );
  }
  return schema;
}

/**
 * The SQL that computes every block of A = [Z X y]ᵀW[Z X y] for `formula` over `source`: plain
 * SQL (WITH, GROUP BY, SUM, COUNT, MIN, MAX, CASE, CAST, LN), runnable on a distributed engine
 * (Spark SQL, Trino, BigQuery) when the data outgrow one machine. The levels of categorical
 * fixed-effects factors are part of the text (their indicator columns), so they are read first,
 * by SQL on DuckDB.
 * @throws DataError for an unknown column; ModelError for what SQL cannot express
 */
export async function crossProductSQL(
  formula: string | ParsedFormula,
  source: string,
  options: DuckDBModelOptions = {},
): Promise<string> {
  const parsed = typeof formula === "string" ? parseFormula(formula) : formula;
  const runner = await DuckDBRunner.open(options.connection);
  try {
    const schema = await readSchema(runner, parsed, source, options);
    return queriesText(crossProductQueries(sqlDesign(parsed, schema, options), source));
  } finally {
    runner.close();
  }
}

/**
 * A linear mixed model whose cross-products are computed by DuckDB over `source` (a table, or
 * `read_parquet('ratings/*.parquet')`, `read_csv('data.csv')`): the rows never enter JavaScript,
 * only sums per level and per pair of levels do. The model then fits exactly as from memory
 * (same objective at every θ, up to summation order); accessors that need the rows (fitted,
 * residuals, leverage) throw. Missing values drop the row (NULL, NaN in floating-point
 * columns, and "", "NA" or "NaN" in text columns), weights must be positive, `offset(...)` terms
 * are subtracted from the response.
 *
 * @throws DataError for an unknown column (naming it), ±∞ in a used column, a constant response,
 *   invalid weights or no complete rows; ModelError for what SQL cannot express or lme4's identifiability checks
 */
export async function lmmFromDuckDB(
  formula: string | ParsedFormula,
  source: string,
  options: DuckDBModelOptions = {},
): Promise<CrossProductLinearMixedModel> {
  const parsed = typeof formula === "string" ? parseFormula(formula) : formula;
  const runner = await DuckDBRunner.open(options.connection);
  try {
    const schema = await readSchema(runner, parsed, source, options);
    const design = sqlDesign(parsed, schema, options);
    const { parts, sums } = await readCrossProducts(
      runner,
      parsed,
      design,
      crossProductQueries(design, source),
      options,
    );
    if (sums.n === 0) throw new DataError("no rows left: every row has a missing value");
    return linearMixedModelFromCrossProducts(parts, sums, {
      reml: options.reml,
      sparseFactor: options.sparseFactor,
    });
  } finally {
    runner.close();
  }
}
