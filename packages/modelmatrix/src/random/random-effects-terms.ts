import { ModelError } from "@mixedmodels/core";
import type { RandomEffectsTerm } from "@mixedmodels/formula";
import { type DesignColumn, writeDesignColumn } from "../design/design-columns";
import type { RandomEffectsMatrix } from "../types";
import type { GroupingFactor } from "./grouping-factor";

/** One bar term of the formula, evaluated: its grouping factor and its left-hand-side columns. */
export interface BarTerm {
  readonly term: RandomEffectsTerm;
  readonly grouping: GroupingFactor;
  readonly columns: readonly DesignColumn[];
}

/** Which of lme4's identifiability checks apply: `lmer`'s strict ones, or `glmer`'s. */
export type ModelKind = "lmm" | "glmm";

/**
 * lme4's checks on one bar term, before any fitting: at least 2 levels; fewer levels than
 * observations (`glmm`: not more); more observations than random effects ℓ·s (`glmm`: not fewer).
 *
 * @throws ModelError naming the term and the counts
 */
export function checkBarTerm(bar: BarTerm, n: number, kind: ModelKind): void {
  const { term, grouping, columns } = bar;
  const levels = grouping.levels.length;
  const label = term.label;
  if (levels < 2) {
    throw new ModelError(
      `grouping factor '${term.groupingLabel}' of ${label} has ${levels} level${levels === 1 ? "" : "s"} in the rows used; a random-effects term needs at least 2`,
      { term: label },
    );
  }
  if (kind === "lmm" ? levels >= n : levels > n) {
    throw new ModelError(
      `grouping factor '${term.groupingLabel}' of ${label} has ${levels} levels for ${n} observations; the number of levels must be ${kind === "lmm" ? "less than" : "at most"} the number of observations, or its variance cannot be told apart from the residual variance`,
      { term: label },
    );
  }
  const effects = levels * columns.length;
  if (kind === "lmm" ? n <= effects : n < effects) {
    throw new ModelError(
      `${label} has ${effects} random effects (${levels} levels × ${columns.length} columns) for ${n} observations; with ${kind === "lmm" ? "no more observations than" : "fewer observations than"} random effects the variance parameters are not identifiable`,
      { term: label },
    );
  }
}

/**
 * Turns bar terms into `RandomEffectsMatrix` values: terms on the same grouping factor are merged
 * when `amalgamate` is set (θ only inside each original term's block), then sorted by the number
 * of random effects ℓ·s, descending and stable (method.md §1.6).
 */
export function assembleRandomEffects(
  bars: readonly BarTerm[],
  n: number,
  amalgamate: boolean,
): RandomEffectsMatrix[] {
  const groups: BarTerm[][] = [];
  const byGrouping = new Map<string, BarTerm[]>();
  for (const bar of bars) {
    const existing = amalgamate ? byGrouping.get(bar.term.groupingLabel) : undefined;
    if (existing) {
      existing.push(bar);
    } else {
      const group = [bar];
      groups.push(group);
      byGrouping.set(bar.term.groupingLabel, group);
    }
  }
  const matrices = groups.map((group) => mergeBarTerms(group, n));
  return matrices
    .map((matrix, order) => ({ matrix, order }))
    .sort(
      (a, b) =>
        b.matrix.levels.length * b.matrix.s - a.matrix.levels.length * a.matrix.s ||
        a.order - b.order,
    )
    .map((entry) => entry.matrix);
}

function mergeBarTerms(group: readonly BarTerm[], n: number): RandomEffectsMatrix {
  const first = group[0];
  const s = group.reduce((total, bar) => total + bar.columns.length, 0);
  const z = new Float64Array(s * n);
  const thetaRows: number[] = [];
  const thetaCols: number[] = [];
  const columnNames: string[] = [];
  const mixedModelsColumnNames: string[] = [];
  let diagonal = true;
  let offset = 0;
  for (const bar of group) {
    const size = bar.columns.length;
    bar.columns.forEach((column, r) => {
      writeDesignColumn(column, n, z, offset + r, s);
      columnNames.push(column.name);
      mixedModelsColumnNames.push(column.mixedModelsName);
    });
    const correlated = bar.term.correlated && size > 1;
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
    group: first.term.groupingLabel,
    levels: first.grouping.levels,
    refs: first.grouping.refs,
    s,
    columnNames,
    mixedModelsColumnNames,
    z,
    thetaRows: Int32Array.from(thetaRows),
    thetaCols: Int32Array.from(thetaCols),
    diagonal,
    blockSizes: group.map((bar) => bar.columns.length),
    labels: group.map((bar) => bar.term.label),
  };
}
