import { DataError } from "@mixedmodels/core";
import type { ParsedFormula, TermFactor } from "@mixedmodels/formula";
import { quoteIdentifier } from "./sql-expression";

/** How a source column enters the model. */
export interface SourceColumn {
  readonly name: string;
  readonly kind: "numeric" | "categorical";
  /** The database's type name (`DOUBLE`, `VARCHAR`, ...). */
  readonly type: string;
}

/**
 * The columns of a source and the levels of its categorical variables, as read by SQL: what the
 * design needs before the cross-product queries can be written.
 */
export interface SourceSchema {
  /** @throws DataError for an unknown column, with the closest names */
  column(name: string): SourceColumn;
  /** Levels of a categorical variable on the complete rows, in the in-memory level order. */
  levels(name: string): readonly string[];
  /** SQL predicate: the variable is present (the in-memory missing-value rule). */
  presentPredicate(name: string): string;
}

/** Options that decide how columns are read, as `buildModelParts` takes them. */
export interface SchemaOptions {
  /** Numeric columns to treat as categorical. */
  readonly categorical?: readonly string[];
  /** Explicit level orders (first = reference level); implies categorical. */
  readonly levels?: Readonly<Record<string, readonly string[]>>;
}

const categoricalTypes = /^(VARCHAR|TEXT|STRING|CHAR|BOOLEAN|ENUM|BPCHAR)/i;
/** Types that can hold NaN (DuckDB's names; FLOAT4/FLOAT8 and REAL are its aliases). */
const floatingTypes = /^(DOUBLE|FLOAT|REAL)/i;

/**
 * SQL predicate "this floating-point value is not NaN" (the in-memory path reads NaN as missing),
 * true for every number and for ±∞ (which the reader then rejects, as in memory). Plain ANSI
 * comparisons, right under both conventions for NaN: IEEE engines (Trino, BigQuery) make every
 * comparison with NaN false; DuckDB, Spark and PostgreSQL make NaN equal to itself and larger
 * than +∞, so neither `x <> x` nor `(x <= 0 OR x >= 0)` finds it. −NaN is NaN again, so the
 * two comparisons here fail together only for NaN: x ≤ 0 fails for x > 0 and for NaN, −x ≤ 0
 * for x < 0 and for NaN.
 */
function notNaN(identifier: string): string {
  return `(${identifier} <= 0.0 OR -${identifier} <= 0.0)`;
}

/**
 * The schema of a source from its column names and types (as a `SELECT * ... WHERE 1 = 0` gives
 * them) and its levels from a runner of `SELECT DISTINCT` queries.
 */
export class SqlSourceSchema implements SourceSchema {
  private readonly columns = new Map<string, SourceColumn>();
  private readonly levelsByName = new Map<string, readonly string[]>();

  constructor(
    names: readonly string[],
    types: readonly string[],
    private readonly options: SchemaOptions = {},
  ) {
    const forced = new Set([...(options.categorical ?? []), ...Object.keys(options.levels ?? {})]);
    names.forEach((name, i) => {
      const kind = forced.has(name) || categoricalTypes.test(types[i]) ? "categorical" : "numeric";
      this.columns.set(name, { name, kind, type: types[i] });
    });
  }

  column(name: string): SourceColumn {
    const found = this.columns.get(name);
    if (found === undefined) {
      throw new DataError(`column '${name}' not found${closest(name, [...this.columns.keys()])}`, {
        column: name,
      });
    }
    return found;
  }

  presentPredicate(name: string): string {
    const column = this.column(name);
    const identifier = quoteIdentifier(name);
    if (/^(VARCHAR|TEXT|STRING|CHAR|BPCHAR)/i.test(column.type)) {
      // The in-memory reader takes "", "NA" and "NaN" for a missing level.
      return `(${identifier} IS NOT NULL AND ${identifier} <> '' AND ${identifier} <> 'NA' AND ${identifier} <> 'NaN')`;
    }
    if (floatingTypes.test(column.type)) {
      return `(${identifier} IS NOT NULL AND ${notNaN(identifier)})`;
    }
    return `${identifier} IS NOT NULL`;
  }

  levels(name: string): readonly string[] {
    const found = this.levelsByName.get(name);
    if (found === undefined)
      throw new DataError(`no levels were read for '${name}'`, { column: name });
    return found;
  }

  /** Install the distinct labels of a variable, ordered as the in-memory path orders them. */
  setLevels(name: string, labels: readonly string[]): void {
    this.levelsByName.set(name, orderedLevels(name, labels, this.options.levels?.[name]));
  }
}

/**
 * The level order of `modelmatrix`: an explicit order when given (only the levels that occur);
 * numeric order when every label is a number; otherwise UTF-16 code-unit order.
 * @throws DataError for a label missing from an explicit order
 */
export function orderedLevels(
  name: string,
  labels: readonly string[],
  explicit?: readonly string[],
): string[] {
  const unique = [...new Set(labels)];
  if (explicit !== undefined) {
    const present = new Set(unique);
    const known = new Set(explicit);
    const unknown = unique.find((label) => !known.has(label));
    if (unknown !== undefined) {
      throw new DataError(
        `column '${name}' has the level '${unknown}', which the given levels lack`,
        {
          column: name,
        },
      );
    }
    return explicit.filter((label) => present.has(label));
  }
  const numeric = (label: string) => label.trim() !== "" && Number.isFinite(Number(label));
  const codeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  if (unique.every(numeric)) return unique.sort((a, b) => Number(a) - Number(b) || codeUnits(a, b));
  return unique.sort(codeUnits);
}

/** Categorical variables whose levels the design needs (factors of X and of the bar terms). */
export function factorVariables(formula: ParsedFormula, schema: SourceSchema): string[] {
  const out = new Set<string>();
  const visit = (factors: readonly TermFactor[]) => {
    for (const factor of factors) {
      let expr = factor.expr;
      if (
        expr.kind === "call" &&
        (expr.name === "factor" || expr.name === "as.factor") &&
        expr.args.length === 1
      ) {
        expr = expr.args[0];
        if (expr.kind === "variable") out.add(expr.name);
        continue;
      }
      if (expr.kind === "variable" && schema.column(expr.name).kind === "categorical")
        out.add(expr.name);
    }
  };
  for (const term of formula.fixed) visit(term.factors);
  for (const bar of formula.random) for (const term of bar.terms) visit(term.factors);
  return [...out];
}

function closest(name: string, names: readonly string[]): string {
  const lower = name.toLowerCase();
  const near = names.filter((candidate) => {
    const other = candidate.toLowerCase();
    return other.includes(lower) || lower.includes(other) || editDistance(lower, other) <= 2;
  });
  return near.length === 0 ? "" : `; did you mean ${near.map((n) => `'${n}'`).join(", ")}?`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}
