import type { FittedModelSummaryV1 } from "@mixedmodels/core";
import { ModelError } from "@mixedmodels/core";
import { chiSquareSurvival } from "@mixedmodels/distributions";
import { groupingFactorOf } from "./grouping-factor";

/** One model of a likelihood-ratio test; the statistics compare it with the model before it. */
export interface LikelihoodRatioTestRow {
  readonly formula: string;
  /** Number of parameters. */
  readonly dof: number;
  /** −2 log-likelihood (the REML criterion for REML fits; with the saturated terms for a GLMM). */
  readonly deviance: number;
  /** Deviance of the previous model minus this one's; null for the first model. */
  readonly chisq: number | null;
  /** Difference in dof from the previous model; null for the first model. */
  readonly chisqDof: number | null;
  /** P(χ²_chisqDof > chisq), computed in the upper tail; null for the first model. */
  readonly p: number | null;
}

export interface LikelihoodRatioTestResult {
  readonly nobs: number;
  readonly reml: boolean;
  readonly rows: readonly LikelihoodRatioTestRow[];
}

/** A summary that may carry a fingerprint of the data it was fitted to (compared when present). */
type SummaryWithFingerprint = FittedModelSummaryV1 & { readonly dataFingerprint?: unknown };

/** The response of an lme4 formula: the text left of the first `~`, whitespace removed. */
function responseOf(formula: string): string {
  const tilde = formula.indexOf("~");
  return (tilde < 0 ? "" : formula.slice(0, tilde)).replace(/\s+/g, "");
}

function keptFixedEffects(summary: FittedModelSummaryV1): string[] {
  return summary.fixef.names.filter((_, i) => summary.fixef.aliased[i] !== true);
}

/** Grouping factor → random-effects columns; `Subject.1` (a second term on Subject) counts as Subject. */
function randomEffectsColumns(summary: FittedModelSummaryV1): Map<string, Set<string>> {
  const groups = new Map<string, Set<string>>();
  for (const term of summary.varcorr) {
    const factor = groupingFactorOf(term.group);
    const columns = groups.get(factor) ?? new Set<string>();
    for (const name of term.names) columns.add(name);
    groups.set(factor, columns);
  }
  return groups;
}

function modelLabel(index: number, summary: FittedModelSummaryV1): string {
  return `model ${index + 1} (${summary.formula})`;
}

/** The conditional distribution a model assumes: a GLMM's family and link, or a linear model's. */
function familyOf(summary: FittedModelSummaryV1): string {
  const generalized = summary.generalized;
  return generalized === undefined
    ? "a linear mixed model (Gaussian, identity link)"
    : `the ${generalized.family} family with the ${generalized.link} link`;
}

/**
 * −2 log-likelihood: a linear model's objective (ML deviance or REML criterion); for a GLMM
 * −2·loglik with the saturated terms, as R's anova() shows it (the objective without them
 * differs by a constant of the data, so χ² is the same either way).
 */
function devianceOf(summary: FittedModelSummaryV1): number {
  return summary.generalized === undefined ? summary.objective : -2 * summary.loglik;
}

function checkComparable(models: readonly SummaryWithFingerprint[]): void {
  const first = models[0];
  models.forEach((model, i) => {
    if (i === 0) return;
    if (familyOf(model) !== familyOf(first)) {
      throw new ModelError(
        `cannot compare models of different families or links: ${modelLabel(0, first)} is ` +
          `${familyOf(first)}, ${modelLabel(i, model)} ${familyOf(model)}`,
      );
    }
    if (model.nobs !== first.nobs) {
      throw new ModelError(
        `cannot compare models fitted to different data: ${modelLabel(0, first)} used ${first.nobs} ` +
          `observations, ${modelLabel(i, model)} ${model.nobs}`,
      );
    }
    if (responseOf(model.formula) !== responseOf(first.formula)) {
      throw new ModelError(
        `cannot compare models of different responses: '${responseOf(first.formula)}' in ` +
          `${modelLabel(0, first)}, '${responseOf(model.formula)}' in ${modelLabel(i, model)}`,
      );
    }
    if (
      first.dataFingerprint !== undefined &&
      model.dataFingerprint !== undefined &&
      first.dataFingerprint !== model.dataFingerprint
    ) {
      throw new ModelError(
        `cannot compare models fitted to different data: the data fingerprints of ` +
          `${modelLabel(0, first)} and ${modelLabel(i, model)} differ`,
      );
    }
    if (model.reml !== first.reml) {
      throw new ModelError(
        "cannot compare a REML fit with a maximum-likelihood fit; refit all models by maximum " +
          "likelihood (reml: false)",
      );
    }
  });
}

function checkNested(
  smaller: FittedModelSummaryV1,
  larger: FittedModelSummaryV1,
  i: number,
  reml: boolean,
): void {
  if (larger.dof <= smaller.dof) {
    throw new ModelError(
      `models must be given from the simplest to the most complex: ${modelLabel(i, larger)} has ` +
        `${larger.dof} parameters, not more than the ${smaller.dof} of ${modelLabel(i - 1, smaller)}`,
    );
  }
  const largerFixed = new Set(keptFixedEffects(larger));
  const smallerFixed = keptFixedEffects(smaller);
  if (reml) {
    const same =
      smallerFixed.length === largerFixed.size &&
      smallerFixed.every((name) => largerFixed.has(name));
    if (!same) {
      throw new ModelError(
        "REML criteria are comparable only between models with the same fixed effects; refit by " +
          `maximum likelihood (reml: false) to compare ${modelLabel(i - 1, smaller)} with ` +
          `${modelLabel(i, larger)}`,
      );
    }
  }
  const missingFixed = smallerFixed.filter((name) => !largerFixed.has(name));
  if (missingFixed.length > 0) {
    throw new ModelError(
      `${modelLabel(i - 1, smaller)} is not nested in ${modelLabel(i, larger)}: the fixed effects ` +
        `${missingFixed.join(", ")} are not in the larger model`,
    );
  }
  const largerRandom = randomEffectsColumns(larger);
  for (const [factor, columns] of randomEffectsColumns(smaller)) {
    const available = largerRandom.get(factor);
    const missing = [...columns].filter((column) => !available?.has(column));
    if (missing.length > 0) {
      throw new ModelError(
        `${modelLabel(i - 1, smaller)} is not nested in ${modelLabel(i, larger)}: its random effects ` +
          `${missing.map((column) => `${column} | ${factor}`).join(", ")} are not in the larger model`,
      );
    }
  }
}

/**
 * The likelihood-ratio test of nested models, given from the simplest to the most complex:
 * for each model after the first, χ² = the drop in deviance, its degrees of freedom = the rise in
 * the number of parameters, and p = P(χ² > observed) from `chiSquareSurvival`.
 *
 * Models must be fitted to the same data (same number of observations, same response, same data
 * fingerprint when the summaries carry one) and nested: each model's fixed effects and
 * random-effects columns per grouping factor are among the next model's, with strictly more
 * parameters. REML fits are comparable only with identical fixed effects (the REML criterion
 * depends on the fixed-effects design), and never with ML fits. Generalized models compare
 * with models of the same family and link only (by −2 log-likelihood, as R's anova()).
 *
 * @throws ModelError when fewer than two models are given or they are not comparable as above.
 */
export function likelihoodRatioTest(...models: FittedModelSummaryV1[]): LikelihoodRatioTestResult {
  if (models.length < 2) {
    throw new ModelError(`a likelihood-ratio test needs at least two models, got ${models.length}`);
  }
  checkComparable(models);
  const reml = models[0].reml;
  const rows: LikelihoodRatioTestRow[] = models.map((model, i) => {
    const deviance = devianceOf(model);
    if (i === 0)
      return {
        formula: model.formula,
        dof: model.dof,
        deviance,
        chisq: null,
        chisqDof: null,
        p: null,
      };
    const previous = models[i - 1];
    checkNested(previous, model, i, reml);
    const chisq = devianceOf(previous) - deviance;
    const chisqDof = model.dof - previous.dof;
    return {
      formula: model.formula,
      dof: model.dof,
      deviance,
      chisq,
      chisqDof,
      p: chiSquareSurvival(chisq, chisqDof),
    };
  });
  return { nobs: models[0].nobs, reml, rows };
}
