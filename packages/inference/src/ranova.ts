import { type DataColumn, type DataTable, ModelError } from "@mixedmodels/core";
import { chiSquareSurvival } from "@mixedmodels/distributions";
import {
  formatExpr,
  formatRandomEffectsTerm,
  formatTerm,
  type RandomEffectsTerm,
  type Term,
} from "@mixedmodels/formula";
import type { ModelParts } from "@mixedmodels/modelmatrix";
import { LinearMixedModel } from "@mixedmodels/models";
import { bobyqa } from "@mixedmodels/optim";
import { choleskyFactor, multiply } from "./dense";
import { requireLinear } from "./model-kind";

/** One reduced model of `ranova`. */
export interface RanovaRow {
  /** lmerTest's label: `(1 | batch)` for a dropped term, `Days in (1 + Days | Subject)`. */
  readonly term: string;
  /** The reduced model's formula. */
  readonly formula: string;
  readonly npar: number;
  /** Log-likelihood of the reduced model (REML for a REML fit, as lmerTest). */
  readonly loglik: number;
  readonly aic: number;
  readonly lrt: number;
  readonly df: number;
  readonly p: number;
}

/** lmerTest's `ranova(model)` as plain JSON data. */
export interface RanovaTable {
  readonly npar: number;
  readonly loglik: number;
  readonly aic: number;
  readonly rows: readonly RanovaRow[];
}

/**
 * Likelihood-ratio tests for the random-effects terms, as lmerTest's `ranova` (single term
 * deletions, `reduce.terms = TRUE`): a term with only an intercept is dropped; otherwise each
 * of its droppable terms (those no other term of the bar contains) is removed in turn, leaving
 * `1` when nothing else remains (lmerTest does this for `(0 + x | g)` too). Each reduced model is
 * refitted with the same criterion (REML or ML); without random effects left it is a linear
 * model, whose (REML) log-likelihood is R's `logLik.lm`.
 * @throws ModelError for an unfitted model or case weights
 */
export function ranova(model: LinearMixedModel): RanovaTable {
  requireLinear(model, "ranova");
  if (!model.isFitted) throw new ModelError("ranova needs a fitted model; call fit() first");
  const parts = model.parts;
  if (parts.weights !== null) throw new ModelError("ranova does not support case weights yet");
  const reml = model.reml;
  const table = usedRows(parts);
  const fullNpar = model.dof;
  const fullLoglik = model.loglikelihood;
  const random = parts.formula.random;
  const rows: RanovaRow[] = [];
  lme4Order(random).forEach((index) => {
    const bar = random[index];
    for (const reduction of reductions(bar)) {
      const others = random.map((term, k) =>
        k === index ? reduction.replacement : formatRandomEffectsTerm(term),
      );
      // R's formula algebra keeps one copy of a repeated term: lmerTest's `(0 + x | g)` → `(1 | g)`
      // beside an existing `(1 | g)` leaves a single `(1 | g)`.
      const kept = [...new Set(others.filter((text): text is string => text !== null))];
      const formula = formulaText(parts, kept);
      const reduced = fitReduced(formula, table, parts, reml);
      const lrt = 2 * (fullLoglik - reduced.loglik);
      const df = fullNpar - reduced.npar;
      rows.push({
        term: reduction.label,
        formula,
        npar: reduced.npar,
        loglik: reduced.loglik,
        aic: -2 * reduced.loglik + 2 * reduced.npar,
        lrt,
        df,
        p: chiSquareSurvival(Math.max(lrt, 0), df),
      });
    }
  });
  return { npar: fullNpar, loglik: fullLoglik, aic: -2 * fullLoglik + 2 * fullNpar, rows };
}

interface Reduction {
  readonly label: string;
  /** The bar term's new text, or null to drop it. */
  readonly replacement: string | null;
}

/**
 * The bar terms in the order lme4's `findbars` lists them: a nested `(1 | a/b)` expands to
 * `(1 | b:a)` before `(1 | a)` there (innermost first), and to `a`, `b:a` in our parser, so terms
 * that share a source span are reversed.
 */
function lme4Order(random: readonly RandomEffectsTerm[]): number[] {
  const order: number[] = [];
  let start = 0;
  while (start < random.length) {
    let end = start + 1;
    const span = random[start].span;
    while (
      end < random.length &&
      random[end].span.start === span.start &&
      random[end].span.end === span.end
    )
      end++;
    for (let k = end - 1; k >= start; k--) order.push(k);
    start = end;
  }
  return order;
}

/** lmerTest's `get_newforms` for one bar term. */
function reductions(bar: RandomEffectsTerm): Reduction[] {
  const label = formatRandomEffectsTerm(bar);
  if (bar.terms.length === 0) return [{ label, replacement: null }];
  const droppable = bar.terms.filter(
    (term) => !bar.terms.some((other) => other !== term && contains(other, term)),
  );
  return droppable.map((term) => {
    const rest = bar.terms.filter((other) => other !== term);
    const replacement = formatRandomEffectsTerm({
      ...bar,
      intercept: rest.length === 0 ? true : bar.intercept,
      terms: rest,
    });
    return { label: `${formatTerm(term)} in ${label}`, replacement };
  });
}

/** Whether `outer` contains every factor of `inner` and more (R's marginality). */
function contains(outer: Term, inner: Term): boolean {
  const labels = new Set(outer.factors.map((f) => f.label));
  return outer.degree > inner.degree && inner.factors.every((f) => labels.has(f.label));
}

/** response ~ fixed part + offsets + the given random-effects terms. */
function formulaText(parts: ModelParts, random: readonly string[]): string {
  const formula = parts.formula;
  const pieces = [
    formula.intercept ? "1" : "0",
    ...formula.fixed.map(formatTerm),
    ...formula.offsets.map((expr) => `offset(${formatExpr(expr)})`),
    ...random,
  ];
  return `${formula.responseLabel} ~ ${pieces.join(" + ")}`;
}

function fitReduced(
  formula: string,
  table: DataTable,
  parts: ModelParts,
  reml: boolean,
): { npar: number; loglik: number } {
  if (!/\|/.test(formula)) return linearModelLoglik(parts, reml);
  const model = LinearMixedModel.fromFormula(formula, table, {
    reml,
    ...(parts.contrasts !== undefined ? { contrasts: parts.contrasts } : {}),
  }).fit({ optimizer: bobyqa() });
  return { npar: model.dof, loglik: model.loglikelihood };
}

/**
 * The linear model without random effects on the same X and y: ML −n/2·(log(2π·RSS/n) + 1);
 * REML (R's `logLik.lm(REML = TRUE)`) −ν/2·(log(2π·RSS/ν) + 1) − ½·log det XᵀX, ν = n − p.
 */
function linearModelLoglik(parts: ModelParts, reml: boolean): { npar: number; loglik: number } {
  const { n, p, data } = parts.X;
  const offset = parts.offset ?? null;
  const y = parts.y.map((v, t) => v - (offset === null ? 0 : offset[t]));
  const xtx = multiply(true, false, p, p, n, data, data);
  const xty = multiply(true, false, p, 1, n, data, y);
  const L = choleskyFactor(p, xtx, "XᵀX");
  // RSS = yᵀy − ‖L⁻¹Xᵀy‖²
  const w = Float64Array.from(xty);
  let logdet = 0;
  for (let i = 0; i < p; i++) {
    for (let k = 0; k < i; k++) w[i] -= L[i + k * p] * w[k];
    w[i] /= L[i + i * p];
    logdet += 2 * Math.log(L[i + i * p]);
  }
  let rss = y.reduce((s, v) => s + v * v, 0);
  for (let i = 0; i < p; i++) rss -= w[i] * w[i];
  const nu = reml ? n - p : n;
  let loglik = (-nu / 2) * (Math.log((2 * Math.PI * rss) / nu) + 1);
  if (reml) loglik -= logdet / 2;
  return { npar: p + 1, loglik };
}

/** The parts' table restricted to the rows the model used, so every reduced fit sees them. */
function usedRows(parts: ModelParts): DataTable {
  const table = parts.table;
  if (parts.droppedRows.length === 0) return table;
  const dropped = new Set(parts.droppedRows);
  const keep: number[] = [];
  for (let r = 0; r < table.nrow; r++) if (!dropped.has(r)) keep.push(r);
  const columns: Record<string, DataColumn> = Object.create(null);
  for (const name of table.names) {
    const column = table.columns[name];
    columns[name] =
      column.kind === "numeric"
        ? { kind: "numeric", values: Float64Array.from(keep, (r) => column.values[r]) }
        : {
            kind: "categorical",
            levels: column.levels,
            codes: Int32Array.from(keep, (r) => column.codes[r]),
          };
  }
  return { nrow: keep.length, names: table.names, columns };
}
