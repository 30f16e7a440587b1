import { DataError, ModelError } from "@mixedmodels/core";
import type { Expr, ParsedFormula, Term, TermFactor } from "@mixedmodels/formula";
import { type Contrast, contrastMatrix, fullDummyMatrix } from "@mixedmodels/modelmatrix";
import type { SourceSchema } from "./source-schema";
import { numberLiteral, numericExpression, quoteIdentifier, quoteString } from "./sql-expression";

/** A column of X or of a random-effects term as a SQL value expression, with its names. */
export interface SqlColumn {
  /** lme4 style (`(Intercept)`, `recipeB:temperature`). */
  readonly name: string;
  /** MixedModels.jl style (`recipe: B & temperature`). */
  readonly mixedModelsName: string;
  /** Index of its formula term: 0 for the intercept, i + 1 for `formula.fixed[i]`. */
  readonly term: number;
  readonly sql: string;
}

/** One bar term after amalgamation: its grouping keys, its columns and its θ layout. */
export interface SqlRandomTerm {
  /** Grouping label (`Subject`, `batch:cask`). */
  readonly group: string;
  /** Variables of the grouping factor, in order (several for `a:b`). */
  readonly keys: readonly string[];
  readonly columns: readonly SqlColumn[];
  readonly thetaRows: Int32Array;
  readonly thetaCols: Int32Array;
  readonly diagonal: boolean;
  readonly blockSizes: readonly number[];
  readonly labels: readonly string[];
}

/** What the cross-product queries compute, row by row, before summing. */
export interface SqlDesign {
  /** The predicate that keeps the complete rows (the in-memory missing-value rule). */
  readonly complete: string;
  /** y − offsets. */
  readonly response: string;
  readonly responseName: string;
  /** The case weight, or null. */
  readonly weight: string | null;
  readonly weightName: string | null;
  readonly fixed: readonly SqlColumn[];
  /** In formula order (sorted by ℓ·s only once the levels are counted). */
  readonly random: readonly SqlRandomTerm[];
}

/** Options that change the design, as `buildModelParts` takes them. */
export interface SqlDesignOptions {
  readonly contrasts?: Readonly<Record<string, Contrast>>;
  readonly weights?: string;
  readonly amalgamate?: boolean;
}

type Factor =
  | { readonly kind: "numeric"; readonly label: string; readonly sql: string }
  | {
      readonly kind: "categorical";
      readonly label: string;
      readonly variable: string;
      readonly levels: readonly string[];
      /** SQL predicate "this row has level ℓ". */
      readonly isLevel: (level: string) => string;
    };

/**
 * The design of a formula as SQL over the source's columns, with the in-memory rules: R's
 * coding of categorical factors in terms (contrasts, or full indicators where the margin is not
 * in an earlier term), factors of an interaction multiplied with the first varying fastest,
 * coefficient names as `modelmatrix` gives them, bar terms amalgamated by grouping label.
 * @throws ModelError for what SQL cannot express; DataError for an unknown or categorical
 *   column in arithmetic (naming it).
 */
export function sqlDesign(
  formula: ParsedFormula,
  schema: SourceSchema,
  options: SqlDesignOptions = {},
): SqlDesign {
  if (formula.response === null) {
    throw new ModelError("the formula has no response: write it as 'response ~ predictors'");
  }
  if (formula.random.length === 0) {
    throw new ModelError(
      "the formula has no random-effects term such as (1 | group); a mixed model needs at least one",
    );
  }
  const numericColumn = (name: string): string => {
    const column = schema.column(name);
    if (column.kind === "categorical") {
      throw new DataError(`column '${name}' is categorical and cannot be used in arithmetic`, {
        column: name,
      });
    }
    return `CAST(${quoteIdentifier(name)} AS DOUBLE PRECISION)`;
  };
  const responseName =
    formula.responseLabel ??
    formula.text.slice(formula.response.span.start, formula.response.span.end).trim();
  if (formula.response.kind === "variable") {
    if (schema.column(formula.response.name).kind === "categorical") {
      throw new DataError(
        `the response '${responseName}' is categorical; a linear mixed model needs a numeric response`,
        { column: formula.response.name },
      );
    }
  }
  let response = numericExpression(formula.response, numericColumn, responseName);
  for (const offset of formula.offsets) {
    response = `(${response} - ${numericExpression(offset, numericColumn, "offset")})`;
  }
  const contrasts = new Map(Object.entries(options.contrasts ?? {}));
  const factors = new Map<string, Factor>();
  const factorOf = (factor: TermFactor): Factor => {
    let found = factors.get(factor.label);
    if (found === undefined) {
      found = evaluateFactor(factor, schema, numericColumn);
      factors.set(factor.label, found);
    }
    return found;
  };
  const fixed = designColumns(formula.fixed, formula.intercept, factorOf, contrasts);
  const bars = formula.random.map((bar) => ({
    bar,
    columns: designColumns(bar.terms, bar.intercept, factorOf, contrasts),
    keys: bar.grouping.map((factor) => groupingVariable(factor)),
  }));
  for (const { bar, columns } of bars) {
    if (columns.length === 0) {
      throw new ModelError(`${bar.label} has no columns: its left-hand side is empty`, {
        term: bar.label,
      });
    }
  }
  const random = amalgamate(bars, options.amalgamate ?? true);
  const variables = [...formula.variables];
  const weightName = options.weights ?? null;
  if (weightName !== null && !variables.includes(weightName)) variables.push(weightName);
  const complete = variables.map((name) => schema.presentPredicate(name)).join(" AND ");
  return {
    complete,
    response,
    responseName,
    weight: weightName === null ? null : numericColumn(weightName),
    weightName,
    fixed,
    random,
  };
}

/** A grouping factor must be a plain column here: its values are the keys of GROUP BY. */
function groupingVariable(factor: TermFactor): string {
  if (factor.expr.kind === "variable") return factor.expr.name;
  throw new ModelError(
    `grouping factor '${factor.label}' must be a column for the DuckDB engine; compute it in the source query`,
    { term: factor.label },
  );
}

function evaluateFactor(
  factor: TermFactor,
  schema: SourceSchema,
  numericColumn: (name: string) => string,
): Factor {
  let expr: Expr = factor.expr;
  if (expr.kind === "call" && (expr.name === "factor" || expr.name === "as.factor")) {
    if (expr.args.length !== 1) {
      throw new ModelError(`'${expr.name}' takes 1 argument in '${factor.label}'`, {
        term: factor.label,
      });
    }
    expr = expr.args[0];
    if (expr.kind !== "variable") {
      throw new ModelError(`'${factor.label}': the DuckDB engine takes factor() of a column only`, {
        term: factor.label,
      });
    }
    return categorical(factor.label, expr.name, schema);
  }
  if (expr.kind === "variable" && schema.column(expr.name).kind === "categorical") {
    return categorical(factor.label, expr.name, schema);
  }
  return {
    kind: "numeric",
    label: factor.label,
    sql: numericExpression(expr, numericColumn, factor.label),
  };
}

function categorical(label: string, variable: string, schema: SourceSchema): Factor {
  const column = schema.column(variable);
  const identifier = quoteIdentifier(variable);
  const isLevel =
    column.kind === "numeric"
      ? (level: string) => `${identifier} = ${numberLiteral(Number(level))}`
      : (level: string) => `${identifier} = ${quoteString(level)}`;
  return { kind: "categorical", label, variable, levels: schema.levels(variable), isLevel };
}

/** R's rule for which factors of a term get contrasts (see modelmatrix's term-codings). */
function termCodings(
  terms: readonly Term[],
  intercept: boolean,
  factorOf: (f: TermFactor) => Factor,
) {
  const sets = terms.map((term) => new Set(term.factors.map((factor) => factor.label)));
  const codings = terms.map((term, i) =>
    term.factors.map((factor): "contrasts" | "full" => {
      if (factor.fulldummy) return "full";
      const margin = term.factors.filter((other) => other !== factor).map((other) => other.label);
      if (margin.length === 0) return "contrasts";
      for (let k = 0; k < i; k++)
        if (margin.every((label) => sets[k].has(label))) return "contrasts";
      return "full";
    }),
  );
  if (!intercept) {
    for (let i = 0; i < terms.length; i++) {
      const j = terms[i].factors.findIndex((factor) => factorOf(factor).kind === "categorical");
      if (j >= 0) {
        codings[i][j] = "full";
        break;
      }
    }
  }
  return codings;
}

interface Piece {
  readonly name: string;
  readonly mixedModelsName: string;
  readonly sql: string;
}

function designColumns(
  terms: readonly Term[],
  intercept: boolean,
  factorOf: (factor: TermFactor) => Factor,
  contrasts: ReadonlyMap<string, Contrast>,
): SqlColumn[] {
  const codings = termCodings(terms, intercept, factorOf);
  const columns: SqlColumn[] = [];
  if (intercept)
    columns.push({ name: "(Intercept)", mixedModelsName: "(Intercept)", term: 0, sql: "1.0" });
  terms.forEach((term, i) => {
    let combined: Piece[][] = [[]];
    term.factors.forEach((termFactor, j) => {
      const pieces = factorPieces(factorOf(termFactor), codings[i][j], contrasts);
      const next: Piece[][] = [];
      for (const piece of pieces) for (const prefix of combined) next.push([...prefix, piece]);
      combined = next;
    });
    for (const pieces of combined) {
      columns.push({
        name: pieces.map((piece) => piece.name).join(":"),
        mixedModelsName: pieces.map((piece) => piece.mixedModelsName).join(" & "),
        term: i + 1,
        sql: pieces.length === 1 ? pieces[0].sql : pieces.map((piece) => piece.sql).join(" * "),
      });
    }
  });
  return columns;
}

function factorPieces(
  factor: Factor,
  coding: "contrasts" | "full",
  contrasts: ReadonlyMap<string, Contrast>,
): Piece[] {
  if (factor.kind === "numeric") {
    return [{ name: factor.label, mixedModelsName: factor.label, sql: factor.sql }];
  }
  const contrast = contrasts.get(factor.label) ?? contrasts.get(factor.variable) ?? "treatment";
  const matrix =
    coding === "full"
      ? fullDummyMatrix(factor.levels)
      : contrastMatrix(factor.levels, contrast, factor.variable);
  const pieces: Piece[] = [];
  for (let j = 0; j < matrix.columnCount; j++) {
    const cases: string[] = [];
    for (let level = 0; level < matrix.levelCount; level++) {
      const value = matrix.values[j * matrix.levelCount + level];
      if (value !== 0)
        cases.push(`WHEN ${factor.isLevel(factor.levels[level])} THEN ${numberLiteral(value)}`);
    }
    pieces.push({
      name: factor.label + matrix.lme4Labels[j],
      mixedModelsName: `${factor.label}: ${matrix.mixedModelsLabels[j]}`,
      sql: `(CASE ${cases.join(" ")} ELSE 0.0 END)`,
    });
  }
  return pieces;
}

/** Bar terms on the same grouping label merged (θ only inside each original term's block). */
function amalgamate(
  bars: readonly {
    bar: ParsedFormula["random"][number];
    columns: SqlColumn[];
    keys: string[];
  }[],
  merge: boolean,
): SqlRandomTerm[] {
  const groups: (typeof bars)[number][][] = [];
  const byLabel = new Map<string, (typeof bars)[number][]>();
  for (const entry of bars) {
    const existing = merge ? byLabel.get(entry.bar.groupingLabel) : undefined;
    if (existing) existing.push(entry);
    else {
      const group = [entry];
      groups.push(group);
      byLabel.set(entry.bar.groupingLabel, group);
    }
  }
  return groups.map((group) => {
    const thetaRows: number[] = [];
    const thetaCols: number[] = [];
    let diagonal = true;
    let offset = 0;
    for (const { bar, columns } of group) {
      const size = columns.length;
      const correlated = bar.correlated && size > 1;
      if (correlated) diagonal = false;
      for (let c = 0; c < size; c++) {
        for (let r = c; r < (correlated ? size : c + 1); r++) {
          thetaRows.push(offset + r);
          thetaCols.push(offset + c);
        }
      }
      offset += size;
    }
    return {
      group: group[0].bar.groupingLabel,
      keys: group[0].keys,
      columns: group.flatMap((entry) => entry.columns),
      thetaRows: Int32Array.from(thetaRows),
      thetaCols: Int32Array.from(thetaCols),
      diagonal,
      blockSizes: group.map((entry) => entry.columns.length),
      labels: group.map((entry) => entry.bar.label),
    };
  });
}
