import { ModelError, type ModelWarningV1, type VarCorrGroupV1 } from "@mixedmodels/core";
import type { ModelParts } from "@mixedmodels/modelmatrix";
import { describeBlocks } from "./block-description";
import type { BlockedSystem } from "./blocked-system";
import { conditionalVariances } from "./conditional-variances";
import { log } from "./elementary";
import {
  coefficientTable,
  expandCoefficients,
  fixedEffectsCovariance,
  fixedEffectsStandardErrors,
  fixedFactorInverse,
} from "./fixed-effects";
import type {
  BlockDescription,
  CoefficientRow,
  ConditionalVarianceTable,
  FitLogEntry,
  OptimizationSummary,
  RandomEffectsTable,
} from "./model-types";
import { restoredSummary } from "./optimization-summary";
import { identityCoordinates, type ReportedCoordinates } from "./user-scale";
import { computeVarCorr, thetaNames } from "./var-corr";

/** The conditional modes and fixed effects a model reports at its current state. */
export interface ModelEstimates {
  /** Fixed effects of the kept columns of X (length p). */
  readonly beta: Float64Array;
  /** Spherical random effects u (length q). */
  readonly u: Float64Array;
  /** b = Λu (length q). */
  readonly b: Float64Array;
}

/**
 * What linear and generalized mixed models share (MixedModels.jl's abstract `MixedModel`): the
 * model parts, the blocked system with its θ layout, the fit summary and warnings, and every
 * accessor that reads only β, u, the factor L and a scale (σ for a linear model, the square root
 * of the dispersion for a generalized one). A model kind supplies its estimates, its scale, its
 * likelihood and its number of parameters.
 */
export abstract class MixedModelBase {
  readonly parts: ModelParts;
  /** Structured warnings (singular fit, rank-deficient X, optimizer status); never printed. */
  readonly warnings: ModelWarningV1[] = [];
  /** The penalized least-squares system: A, λ's and L (for a GLMM, under the working weights). */
  protected readonly system: BlockedSystem;
  protected summaryOfOptimization: OptimizationSummary | null = null;
  /** How the system's θ, λ and factor map to the user's columns (a linear model's conditioning). */
  protected coordinates: ReportedCoordinates = identityCoordinates;

  protected constructor(parts: ModelParts, system: BlockedSystem) {
    this.parts = parts;
    this.system = system;
  }

  /** The fixed effects and conditional modes at the current state (L up to date). */
  protected abstract estimates(): ModelEstimates;
  /** σ (linear), or √dispersion (generalized; 1 for families without dispersion). */
  protected abstract get scale(): number;
  /** Bring L up to date with the current parameters (a no-op when it is). */
  protected abstract ensureState(): void;

  abstract get objective(): number;
  abstract get loglikelihood(): number;
  /** Number of estimated parameters (for AIC and BIC). */
  abstract get dof(): number;

  /** The brief description's lines for the variance components and fixed effects. */
  protected briefEstimateLines(): string[] {
    const names = this.fixefnames();
    const beta = this.fixef();
    return [
      ...this.varCorrGroups().map(
        (g) => `  ${g.group}: sd ${g.sd.map((v) => v.toPrecision(6)).join(", ")}`,
      ),
      ...names.map((name, i) => `  ${name} ${beta[i].toPrecision(6)}`),
    ];
  }

  /** Whether `fit` has run. */
  get isFitted(): boolean {
    return this.summaryOfOptimization !== null;
  }

  /** The start of every `restoreOptimization`: a saved fit goes into an unfitted model only. */
  protected checkRestorable(): void {
    if (this.isFitted)
      throw new ModelError("the model is already fitted; restore into a new model");
  }

  /** The end of every `restoreOptimization`: the summary, fit log and warnings as saved. */
  protected adoptRestoredRecord(
    optsum: OptimizationSummary,
    warnings: readonly ModelWarningV1[],
  ): void {
    this.summaryOfOptimization = restoredSummary(optsum);
    this.warnings.length = 0;
    this.warnings.push(...warnings);
  }

  /** Number of observations. */
  get nobs(): number {
    return this.parts.n;
  }

  /** The covariance parameter θ (a copy), in the model's term order. */
  get theta(): Float64Array {
    return this.coordinates.thetaOut(this.system.layout, this.system.getTheta());
  }

  /** lme4-style names of the θ elements (`Subject.(Intercept)`, `Subject.Days.(Intercept)`). */
  thetaNames(): string[] {
    return thetaNames(this.parts.reterms);
  }

  /** Canonical lower bounds of θ: 0 on diagonal positions, −∞ elsewhere. */
  get lowerbd(): Float64Array {
    return this.system.layout.lowerBounds();
  }

  /** nobs − dof (provisional, as in MixedModels.jl). */
  get dofResidual(): number {
    return this.nobs - this.dof;
  }

  /** Akaike's criterion: −2 loglikelihood + 2·dof. */
  get aic(): number {
    return -2 * this.loglikelihood + 2 * this.dof;
  }

  /** Schwarz's criterion: −2 loglikelihood + dof·log(nobs). */
  get bic(): number {
    return -2 * this.loglikelihood + this.dof * log(this.nobs);
  }

  /** Small-sample AIC: aic + 2k(k+1)/(n − k − 1), k = dof. */
  get aicc(): number {
    const k = this.dof;
    return this.aic + (2 * k * (k + 1)) / (this.nobs - k - 1);
  }

  /** Fixed effects for the kept (full-rank) columns of X, length p. */
  fixef(): Float64Array {
    return Float64Array.from(this.estimates().beta);
  }

  /** Names of the kept columns of X, aligned with `fixef()`. */
  fixefnames(): string[] {
    return [...this.parts.X.names];
  }

  /** Fixed effects for every column of X in original order; −0 for aliased columns. */
  coef(): Float64Array {
    return expandCoefficients(this.parts.X, this.estimates().beta);
  }

  /** Names of every column of X, aligned with `coef()`. */
  coefnames(): string[] {
    return [...this.parts.X.allNames];
  }

  /**
   * Conditional modes of the random effects per term (b scale; u scale with `uscale`), labelled
   * by level, in the model's term order.
   */
  ranef(options: { uscale?: boolean } = {}): RandomEffectsTable[] {
    const estimates = this.estimates();
    const source = options.uscale ? estimates.u : estimates.b;
    return this.parts.reterms.map((term, j) => ({
      group: term.group,
      levels: term.levels,
      columnNames: term.columnNames,
      values: source.slice(this.system.offsets[j], this.system.offsets[j + 1]),
    }));
  }

  /**
   * Conditional covariance of b per level: the s×s diagonal blocks of
   * scale²·Λ(ΛᵀZᵀWZΛ + I)⁻¹Λᵀ. Costs one triangular solve per random effect.
   */
  condVar(): ConditionalVarianceTable[] {
    const scale = this.scale;
    this.ensureState();
    return conditionalVariances(this.system, scale).map((table, j) => ({
      ...table,
      values: this.coordinates.conditionalVarianceOut(table.values, j, this.parts.reterms[j].s),
    }));
  }

  /** Random-effects standard deviations and correlations per group (scale times λ's rows). */
  protected varCorrGroups(): VarCorrGroupV1[] {
    const lambdas = this.coordinates.lambdasOut(this.parts.reterms, this.system.lambdas);
    return computeVarCorr(this.parts.reterms, lambdas, this.scale);
  }

  /**
   * Covariance matrix of the fixed effects, scale²·(L_XX L_XXᵀ)⁻¹, for every column of X
   * (original order; NaN rows and columns for aliased columns). Column-major, size allNames².
   */
  vcov(): Float64Array {
    const scale = this.scale;
    this.ensureState();
    return fixedEffectsCovariance(this.parts.X, this.reportedFixedInverse(), scale);
  }

  /** Standard errors for every column of X (NaN where aliased). */
  stderror(): Float64Array {
    const scale = this.scale;
    this.ensureState();
    return fixedEffectsStandardErrors(this.parts.X, this.reportedFixedInverse(), scale);
  }

  /** L_XX⁻¹ of the user's X (the system may hold conditioned columns). */
  private reportedFixedInverse(): Float64Array {
    return this.coordinates.fixedInverseOut(fixedFactorInverse(this.system), this.system.p);
  }

  /** Estimates, standard errors, Wald z and two-sided p-values, original column order. */
  coeftable(): CoefficientRow[] {
    return coefficientTable(this.parts.X, this.coef(), this.stderror());
  }

  /**
   * The storage type of every block of L (where the model fills in, and where it stays sparse),
   * and per term how its diagonal block is factored, with the flop estimates behind that choice.
   */
  blockDescription(): BlockDescription {
    return describeBlocks(this.system, this.parts);
  }

  /**
   * Whether some diagonal θ element is (within atol + rtol·|θ|) at its lower bound 0. The default
   * atol is lme4's `isSingular(tol = 1e-4)`: a variance component estimated as 1e-5 of σ is as
   * degenerate as an exact zero, and the references' `singular` flags are lme4's.
   */
  isSingular(options: { atol?: number; rtol?: number } = {}): boolean {
    const atol = options.atol ?? 1e-4;
    const rtol = options.rtol ?? Math.sqrt(Number.EPSILON);
    const theta = this.theta;
    const layout = this.system.layout;
    for (let i = 0; i < theta.length; i++) {
      if (layout.isDiagonal(i) && Math.abs(theta[i]) <= atol + rtol * Math.abs(theta[i]))
        return true;
    }
    return false;
  }

  /** The optimization summary with its fit log, or null before `fit`. */
  get optsum(): OptimizationSummary | null {
    return this.summaryOfOptimization;
  }

  /** Parameters and objective at every evaluation of the last fit (empty before `fit`). */
  get fitLog(): readonly FitLogEntry[] {
    return this.summaryOfOptimization?.fitLog ?? [];
  }
}
