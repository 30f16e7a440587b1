import {
  type FittedModelSummaryV1,
  ModelError,
  type ModelWarningV1,
  NotPositiveDefiniteError,
  type TableInput,
  type VarCorrGroupV1,
} from "@mixedmodels/core";
import { type ParsedFormula, parseFormula } from "@mixedmodels/formula";
import { buildModelParts, type ModelParts, type ModelPartsOptions } from "@mixedmodels/modelmatrix";
import { BlockedSystem } from "./blocked-system";
import {
  conditionedColumns,
  conditionedFittedValues,
  rescaleInitialTheta,
} from "./conditioned-parts";
import { responseMinusOffset } from "./cross-product";
import { partsWarnings } from "./fit-warnings";
import { leverage } from "./leverage";
import type { LinearMixedModelOptions } from "./linear-mixed-model-options";
import { lme4InterceptStart } from "./lme4-start";
import { runLinearFit } from "./lmm-fit";
import { MixedModelBase } from "./mixed-model";
import { buildSummary } from "./model-summary";
import type { FitOptions, OptimizationSummary } from "./model-types";
import { checkOptimizerGiven } from "./optimizer-run";
import { type PenalizedSolution, solvePenalizedLeastSquares } from "./penalized-solution";
import { gradientMethod, profiledGradientCallback } from "./profiled-gradient";
import { checkFiniteResponse, checkNonConstantResponse } from "./response-checks";
import type { ReportedSolution, UserScale } from "./user-scale";

export type { LinearMixedModelOptions } from "./linear-mixed-model-options";

/**
 * A linear mixed model y = Xβ + Zb + ε, b ~ N(0, σ²ΛΛᵀ), ε ~ N(0, σ²I), fitted by minimizing the
 * profiled deviance (ML) or REML criterion over θ, the parameters of Λ (MixedModels.jl's method).
 * Build it from `ModelParts`; `fit` runs any `OptimizerV1`. Accessors describe the model at its
 * current θ: after `fit`, the optimum.
 */
export class LinearMixedModel extends MixedModelBase {
  private remlCriterion: boolean;
  private stateValid = false;
  private solutionCache: ReportedSolution | null = null;
  private lastFitOptions: FitOptions | null = null;
  private response: Float64Array;
  /** Centring and scaling of the columns the system is built on, and the map back. */
  private readonly userScale: UserScale;
  /** The conditioned response ỹ the system holds. */
  private fitResponse: Float64Array;
  /**
   * θ̃ at which L was last factored successfully, or null when L matches no θ̃ (never factored,
   * a failed factorization, a new response). A factorization at the same θ̃ would give the same
   * L bit for bit, so it is skipped: the optimizer's first evaluation is at the initial point
   * the fit has just factored, and the final θ̃ installed after the fit is mostly the last one
   * evaluated (InstEval: 35 factorizations per fit → 33, one per evaluation).
   */
  private factoredTheta: Float64Array | null = null;

  /**
   * Build the blocked cross-product and factor storage (once; O(n)).
   * @throws ModelError without random-effects terms; DataError for a non-finite response value
   *   (naming the row); UnsupportedKernelError for an unsupported block structure.
   */
  constructor(
    parts: ModelParts,
    options: LinearMixedModelOptions = {},
    /**
     * The conditioned system, when built from precomputed cross-products (cross-product-model.ts).
     * @internal
     */
    precomputed?: { readonly userScale: UserScale; readonly system: BlockedSystem },
  ) {
    checkFiniteResponse(parts.y, parts.responseName);
    const userScale = precomputed?.userScale ?? conditionedColumns(parts);
    super(
      parts,
      precomputed?.system ??
        new BlockedSystem(userScale.fitParts, { sparseFactor: options.sparseFactor }),
    );
    this.userScale = userScale;
    this.coordinates = userScale;
    this.fitResponse = userScale.fitParts.y;
    this.response = parts.y;
    this.remlCriterion = options.reml ?? false;
    this.warnings.push(...partsWarnings(parts));
  }

  /**
   * Build the model parts from a formula and data with `buildModelParts` (lme4 syntax plus
   * `zerocorr`, `&`, `fulldummy`), then the model. @throws FormulaSyntaxError, DataError,
   * ModelError as `buildModelParts` and the constructor do.
   */
  static fromFormula(
    formula: string | ParsedFormula,
    data: TableInput,
    options: ModelPartsOptions & LinearMixedModelOptions = {},
  ): LinearMixedModel {
    const parsed = typeof formula === "string" ? parseFormula(formula) : formula;
    return new LinearMixedModel(buildModelParts(parsed, data, options), options);
  }

  /** Whether the criterion is REML. */
  get reml(): boolean {
    return this.remlCriterion;
  }

  /** The response (a copy; `refit` may have replaced the one in `parts`). */
  responseValues(): Float64Array {
    return Float64Array.from(this.response);
  }

  /**
   * Install θ and update the factor. @throws NotPositiveDefiniteError (block, row) when the
   * system is not positive definite at θ; ModelError for a θ of the wrong length.
   */
  setTheta(theta: ArrayLike<number>): this {
    if (theta.length !== this.system.layout.length) {
      throw new ModelError(`θ has ${this.system.layout.length} elements, got ${theta.length}`);
    }
    this.system.setTheta(this.userScale.thetaIn(this.system.layout, theta));
    this.refreshState();
    return this;
  }

  /**
   * The objective (ML deviance, or REML criterion with `reml`) at θ, without an optimizer. On a
   * fitted model the fitted θ is re-installed afterwards.
   * @throws NotPositiveDefiniteError when the system is not positive definite at θ.
   */
  objectiveAt(theta: ArrayLike<number>, reml: boolean = this.remlCriterion): number {
    const saved = this.isFitted ? this.theta : null;
    this.setTheta(theta);
    const value = this.reportedObjective(this.system.objective(reml), reml);
    if (saved !== null) this.setTheta(saved);
    return value;
  }

  /** The objective at the current θ: −2 log-likelihood (ML) or the REML criterion. */
  get objective(): number {
    return this.solution().objective;
  }

  /** For a linear mixed model the deviance is the objective (not relative to a saturated model). */
  get deviance(): number {
    return this.objective;
  }

  /** −objective/2; for a REML fit this is the REML log-likelihood, as lme4 reports it. */
  get loglikelihood(): number {
    return -this.objective / 2;
  }

  /** Parameters: rank(X) + length(θ) + 1 (σ). */
  get dof(): number {
    return this.system.p + this.system.layout.length + 1;
  }

  /** Residual standard deviation σ̂ = √(r²/ν), ν = n (ML) or n − p (REML). */
  get sigma(): number {
    return this.solution().sigma;
  }

  /** Penalized residual sum of squares r²_θ. */
  get pwrss(): number {
    this.ensureState();
    return this.system.pwrss() * this.userScale.responseScale ** 2;
  }

  /** Variance components grouped as lme4 prints them, plus the residual SD. */
  varCorr(): { groups: VarCorrGroupV1[]; residual: number } {
    const sigma = this.sigma;
    return { groups: this.varCorrGroups(), residual: sigma };
  }

  /** Fitted values Xβ + Zb (+ the offset, if any). */
  fitted(): Float64Array {
    return this.userScale.fittedOut(this.conditionedFitted());
  }

  /** y − fitted, as s_y·(ỹ − f̃): no cancellation against a large mean of y. */
  residuals(): Float64Array {
    const fitted = this.conditionedFitted();
    const y = this.fitResponse;
    const scale = this.userScale.responseScale;
    return fitted.map((value, t) => scale * (y[t] - value));
  }

  /** X̃β̃ + Z̃b̃ of the conditioned system. */
  private conditionedFitted(): Float64Array {
    const { fitBeta, fitB } = this.solution();
    return conditionedFittedValues(this.userScale.fitParts, this.system.offsets, fitBeta, fitB);
  }

  /**
   * Leverage: the diagonal of [ZΛ X] (LLᵀ)⁻¹ [ZΛ X]ᵀ (rows weighted by √w). One forward solve per
   * observation, so it costs O(n·nnz(L)).
   */
  leverage(): Float64Array {
    this.ensureState();
    return leverage(this.system, this.userScale.fitParts);
  }

  /**
   * Whether the analytic gradient of the objective, which every linear model offers to
   * optimizers with `capabilities.usesGradient`, costs about an evaluation or less, so that a
   * gradient method fits the model faster than BOBYQA: `fit` of the mixedmodels package then
   * chooses the quasi-Newton method by default.
   */
  get analyticGradientIsCheap(): boolean {
    return gradientMethod(this.system).cheap;
  }

  /**
   * Minimize the objective over θ with `options.optimizer`: start at θ = 1 on diagonal positions
   * and 0 elsewhere, lower bounds 0 on the diagonal; a failed factorization at a trial θ answers
   * the initial objective. Afterwards rectify signs, snap tiny diagonal θ to zero when the
   * objective allows, and re-evaluate at the final θ. `options.signal` is checked before every
   * evaluation.
   * @throws ModelError without an optimizer, if already fitted (use `refit`) or the response is
   *   constant; NotPositiveDefiniteError if even the rescaled initial θ fails; FitAbortedError when the
   *   signal is aborted (the model is left unfitted at the initial θ, so `refit` starts clean).
   */
  fit(options: FitOptions): this {
    checkOptimizerGiven(options, "fit");
    if (this.isFitted) throw new ModelError("the model is already fitted; use refit()");
    this.checkResponseVaries();
    if (options.reml !== undefined) this.remlCriterion = options.reml;
    this.lastFitOptions = options;
    this.warnings.length = 0;
    const outcome = runLinearFit(
      {
        system: this.system,
        parts: this.parts,
        userScale: this.userScale,
        initialTheta: this.initialPoint(),
        evaluateAt: (theta) => {
          this.invalidate();
          return this.factorAt(theta) ? this.system.objective(this.remlCriterion) : null;
        },
        // Through factorAt, so that the record of which θ̃ L holds stays true.
        gradientAt: profiledGradientCallback(this.system, this.remlCriterion, (theta) => {
          this.invalidate();
          this.factorAt(theta);
        }),
        installTheta: (theta) => this.installTheta(theta),
        reportedObjective: (internal, reml) => this.reportedObjective(internal, reml),
        resetToInitial: () => this.resetToInitial(),
        isSingular: () => this.isSingular(),
      },
      options,
      this.remlCriterion,
    );
    this.summaryOfOptimization = outcome.optsum;
    this.warnings.push(...outcome.warnings);
    return this;
  }

  /**
   * Fit again from the start, optionally with a new response (same length; only the response
   * row of A is recomputed) and changed options; defaults to the previous fit's options.
   * @throws ModelError for a response of the wrong length; DataError for a non-finite value.
   */
  refit(newResponse?: ArrayLike<number>, options: Partial<FitOptions> = {}): this {
    const previous = this.lastFitOptions;
    const optimizer = options.optimizer ?? previous?.optimizer;
    if (optimizer === undefined)
      throw new ModelError("refit needs an optimizer: none was used before");
    if (newResponse !== undefined) {
      const y = Float64Array.from(newResponse);
      checkFiniteResponse(y, this.parts.responseName);
      const response = responseMinusOffset(y, this.parts.offset ?? null);
      this.fitResponse = this.userScale.conditionNewResponse(response);
      this.system.setResponse(this.fitResponse);
      this.factoredTheta = null;
      this.response = y;
    }
    this.resetToInitial();
    return this.fit({ ...previous, ...options, optimizer });
  }

  /**
   * Install a saved optimization record without optimizing (MixedModels.jl's `restoreoptsum!`;
   * for the umbrella's `restoreFit`): θ = `optsum.finalTheta`, summary, fit log and warnings as
   * saved, so the accessors give the saved model's bits. `refit` then needs an optimizer.
   * @throws ModelError if the model is already fitted or θ has the wrong length;
   *   NotPositiveDefiniteError when the system is not positive definite at θ.
   */
  restoreOptimization(optsum: OptimizationSummary, warnings: readonly ModelWarningV1[] = []): this {
    this.checkRestorable();
    this.setTheta(optsum.finalTheta);
    this.adoptRestoredRecord(optsum, warnings);
    return this;
  }

  /** Everything a report needs, as plain data (`FittedModelSummaryV1`). */
  summary(): FittedModelSummaryV1 {
    const optsum = this.summaryOfOptimization;
    if (optsum === null) throw new ModelError("summary() needs a fitted model; call fit() first");
    return buildSummary(this, optsum);
  }

  /** A brief plain-text description (the report package prints the full summary). */
  override toString(): string {
    const criterion = this.reml ? "REML criterion" : "deviance";
    const head = `Linear mixed model fit by ${this.reml ? "REML" : "maximum likelihood"}: ${this.parts.formula.text}`;
    if (!this.isFitted) return `${head}\n(not fitted)`;
    return [
      head,
      `  ${criterion} ${this.objective.toFixed(4)}, σ ${this.sigma.toPrecision(6)}, n ${this.nobs}`,
      ...this.briefEstimateLines(),
    ].join("\n");
  }

  /** @throws ModelError for a constant response (a model without rows checks its sums). */
  protected checkResponseVaries(): void {
    checkNonConstantResponse(this.response);
  }

  protected estimates(): PenalizedSolution {
    return this.solution();
  }

  protected get scale(): number {
    return this.solution().sigma;
  }

  protected ensureState(): void {
    if (!this.stateValid) this.refreshState();
  }

  /** Unfitted, at the initial θ (L is brought up to date lazily). */
  private resetToInitial(): void {
    this.summaryOfOptimization = null;
    this.system.setTheta(this.system.layout.initialTheta());
    this.invalidate();
  }

  /** Install the initial θ; if L fails there, rescale it as MixedModels.jl does and retry. */
  private initialPoint(): Float64Array {
    const start = lme4InterceptStart(this.system);
    const theta = start
      ? this.userScale.thetaIn(this.system.layout, start)
      : this.system.layout.initialTheta();
    this.invalidate();
    if (this.factorAt(theta)) {
      this.stateValid = true;
      return theta;
    }
    const scale = rescaleInitialTheta(theta, this.fitResponse, this.parts.weights);
    this.warnings.push({
      code: "initial-theta-rescaled",
      message: `the system was not positive definite at the initial θ; θ was divided by ${scale}`,
    });
    this.installTheta(theta);
    return theta;
  }

  /** Install θ̃ of the conditioned system and update the factor. */
  private installTheta(theta: ArrayLike<number>): void {
    this.system.setTheta(theta);
    this.refreshState();
  }

  /** The criterion of the user's parametrization from the conditioned system's. */
  private reportedObjective(internal: number, reml: boolean): number {
    return this.userScale.objectiveOut(internal, reml, this.system.n, this.system.p);
  }

  private invalidate(): void {
    this.stateValid = false;
    this.solutionCache = null;
  }

  /** Install θ̃ and bring L to it (no work when L already holds θ̃); false where L fails. */
  private factorAt(theta: ArrayLike<number>): boolean {
    this.system.setTheta(theta);
    const factored = this.factoredTheta;
    if (factored !== null && sameValues(factored, theta)) return true;
    this.factoredTheta = null;
    if (!this.system.updateFactor()) return false;
    this.factoredTheta = Float64Array.from(theta);
    return true;
  }

  private refreshState(): void {
    this.invalidate();
    if (!this.factorAt(this.system.getTheta())) {
      throw new NotPositiveDefiniteError(
        this.system.cholesky.failedBlock,
        this.system.cholesky.failedRow,
      );
    }
    this.stateValid = true;
  }

  private solution(): ReportedSolution {
    this.ensureState();
    if (this.solutionCache === null) {
      const { system, remlCriterion: reml } = this;
      const internal = solvePenalizedLeastSquares(system, reml);
      this.solutionCache = this.userScale.solutionOut(
        internal,
        reml,
        system.offsets,
        system.n,
        system.p,
      );
    }
    return this.solutionCache;
  }
}

/** Whether a and b hold the same numbers, element by element (Object.is: −0 is not 0). */
function sameValues(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** Build an unfitted model from `ModelParts` (same as `new LinearMixedModel(parts, options)`). */
export function createLinearMixedModel(
  parts: ModelParts,
  options: LinearMixedModelOptions = {},
): LinearMixedModel {
  return new LinearMixedModel(parts, options);
}
