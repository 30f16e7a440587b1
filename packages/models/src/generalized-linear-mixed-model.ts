import {
  type FittedModelSummaryV1,
  ModelError,
  type ModelWarningV1,
  type TableInput,
  type VarCorrGroupV1,
} from "@mixedmodels/core";
import { logLikelihood } from "@mixedmodels/families";
import { type ParsedFormula, parseFormula } from "@mixedmodels/formula";
import { buildModelParts, type ModelParts, type ModelPartsOptions } from "@mixedmodels/modelmatrix";
import { BlockedSystem } from "./blocked-system";
import { randomEffectsSystem } from "./random-effects-system";
import { expandCovariance, standardErrorsFromCovariance } from "./fixed-effects";
import { partsWarnings } from "./fit-warnings";
import { fitGlmStart } from "./glm-start";
import { type GlmmFitState, runGlmmFit } from "./glmm-fit";
import { checkOptimizerGiven } from "./optimizer-run";
import { hessianCovarianceAtOptimum, workingModelCovariance } from "./glmm-covariance";
import { GlmmObjective } from "./glmm-objective";
import type { GeneralizedLinearMixedModelOptions, GlmmFitOptions } from "./glmm-options";
import { type GlmmResidualType, glmmResiduals, penalizedDispersion } from "./glmm-residuals";
import { type GlmmResponse, prepareResponse, readsBinaryResponse } from "./glmm-response";
import { type GlmmSavedState, restoredParameters, savedStateOf } from "./glmm-restore";
import { buildGeneralizedSummary } from "./glmm-summary";
import { MixedModelBase, type ModelEstimates } from "./mixed-model";
import type { OptimizationSummary } from "./model-types";
import { checkFiniteResponse } from "./response-checks";

/**
 * A generalized linear mixed model: y | b from a GLM family with mean g⁻¹(Xβ + Zb + offset),
 * b ~ N(0, ΛΛᵀ), fitted by maximizing the Laplace approximation (or adaptive Gauss–Hermite
 * quadrature) of the likelihood, as MixedModels.jl does: an inner linear model reweighted per
 * PIRLS step (`glmm-objective.ts`). Accessors describe the model at its current parameters:
 * after `fit`, the optimum, with u the conditional mode.
 */
export class GeneralizedLinearMixedModel extends MixedModelBase {
  /** The response, family and link as fitted (Bernoulli for a binomial without weights). */
  readonly response: GlmmResponse;
  /** @internal The PIRLS state: β, u, η, μ and the working model. */
  readonly evaluator: GlmmObjective;
  /** The `offset` option as given (a column name or values): predictions read it for new rows. */
  readonly offsetOption: string | ArrayLike<number> | undefined;
  /** β of the GLM without random effects: where the default fit starts. */
  private glmBeta: Float64Array;
  private readonly responseWarnings: ModelWarningV1[];
  private fitState: GlmmFitState | null = null;
  private lastFitOptions: GlmmFitOptions | null = null;
  private installedObjective = Number.NaN;
  private covarianceCache: Float64Array | null = null;
  /** The log-likelihood of the installed fit (NaN: not computed), reset with the covariance. */
  private loglikelihoodCache = Number.NaN;

  /**
   * Resolve the family, check the response, fit the GLM for the starting β and install the
   * working model at θ = 1 (diagonal), u = 0.
   * @throws ModelError for an unknown family or link, or without random-effects terms;
   *   DataError for a response the family cannot take (naming the column and row).
   */
  constructor(parts: ModelParts, options: GeneralizedLinearMixedModelOptions) {
    checkFiniteResponse(parts.y, parts.responseName);
    const prepared = prepareResponse(parts, options);
    // The inner linear model's A is rebuilt under the working weights at every PIRLS step.
    const inner = { ...parts, weights: null, offset: null };
    super(parts, new BlockedSystem(inner, { sparseFactor: options.sparseFactor }));
    this.response = prepared.response;
    this.offsetOption = options.offset;
    this.responseWarnings = prepared.warnings;
    this.warnings.push(...partsWarnings(parts), ...prepared.warnings);
    this.evaluator = new GlmmObjective(
      this.system,
      parts,
      this.response,
      randomEffectsSystem(inner, this.system, options),
    );
    this.glmBeta = fitGlmStart(parts.X, this.response, parts.responseName);
    this.resetToStart();
  }

  /**
   * Build the model parts from a formula and data (glmer's identifiability checks), then the
   * model. @throws FormulaSyntaxError, DataError, ModelError as `buildModelParts` and the
   * constructor do.
   */
  static fromFormula(
    formula: string | ParsedFormula,
    data: TableInput,
    options: ModelPartsOptions & GeneralizedLinearMixedModelOptions,
  ): GeneralizedLinearMixedModel {
    const parsed = typeof formula === "string" ? parseFormula(formula) : formula;
    const parts = buildModelParts(parsed, data, {
      binaryResponse: readsBinaryResponse(options.family),
      ...options,
      kind: "glmm",
    });
    return new GeneralizedLinearMixedModel(parts, options);
  }

  /** Always false: the criterion is the (approximate) likelihood. */
  get reml(): boolean {
    return false;
  }

  /** The family's name (`bernoulli`, `binomial`, `poisson`, ...). */
  get familyName(): string {
    return this.response.family.name;
  }

  /** The link's R name (`logit`, `cloglog`, ...). */
  get linkName(): string {
    return this.response.link.name;
  }

  /** Gauss–Hermite nodes of the fit (1 = Laplace). */
  get nAGQ(): number {
    return this.fitState?.nAGQ ?? 1;
  }

  /** Whether the fit optimized θ alone (β from PIRLS). */
  get fast(): boolean {
    return this.fitState?.fast ?? false;
  }

  /** PIRLS iterations of every evaluation of the last fit (in fit-log order). */
  get pirlsIterations(): readonly number[] {
    return this.fitState?.pirlsIterations ?? [];
  }

  /**
   * The objective at the current parameters: the Laplace deviance
   * Σ deviance residuals² + ‖u‖² + log|ΛᵀZᵀWZΛ + I| (nAGQ = 1), or its adaptive Gauss–Hermite
   * counterpart: MixedModels.jl's `objective` and `deviance` (without the saturated terms).
   */
  get objective(): number {
    return this.installedObjective;
  }

  /** MixedModels.jl's GLMM deviance: the objective. */
  get deviance(): number {
    return this.objective;
  }

  /**
   * The log-likelihood with the saturated terms (log y!, binomial coefficients), so AIC and BIC
   * agree with lme4: Σ log p(yᵢ | μᵢ) − (‖u‖² + logdet)/2 for Laplace, and for nAGQ > 1 the same
   * saturated terms with the quadrature objective. For a family with a dispersion parameter,
   * −objective/2, as glmer's logLik (its objective is already R's family$aic + ‖u‖² + logdet).
   */
  get loglikelihood(): number {
    if (this.dispersionParameter) return -this.objective / 2;
    if (!Number.isNaN(this.loglikelihoodCache)) return this.loglikelihoodCache;
    const { family, y, priorWeights } = this.response;
    const { glm } = this.evaluator;
    const density = logLikelihood(family, y, glm.mu, priorWeights, 1);
    // The summary, AIC and BIC each read it: n log-densities (lgamma) once per fit, not thrice.
    this.loglikelihoodCache = density + this.evaluator.devianceSum / 2 - this.objective / 2;
    return this.loglikelihoodCache;
  }

  /** Parameters: rank(X) + length(θ) (+ 1 for a family with dispersion). */
  get dof(): number {
    return this.system.p + this.system.layout.length + (this.dispersionParameter ? 1 : 0);
  }

  /** Whether the family has a dispersion parameter (Gamma, inverse Gaussian, Gaussian). */
  get dispersionParameter(): boolean {
    return this.response.family.hasDispersion;
  }

  /**
   * The dispersion φ, or null when there is none: glmer's σ² (its `sigmaML`²), the penalized
   * weighted residual sum of squares of the working model over n, (Σ wᵢ·rᵢ² + ‖u‖²)/n.
   */
  get dispersion(): number | null {
    return this.dispersionParameter ? this.dispersionValue() : null;
  }

  /** √φ, or 1 without dispersion (lme4's `sigma()` of a binomial or Poisson fit). */
  get sigma(): number {
    return Math.sqrt(this.dispersionValue());
  }

  /** Variance components; `residual` is null for a family without dispersion. */
  varCorr(): { groups: VarCorrGroupV1[]; residual: number | null } {
    return {
      groups: this.varCorrGroups(),
      residual: this.dispersionParameter ? this.sigma : null,
    };
  }

  /**
   * Covariance of the fixed effects for every column of X (NaN where aliased), column-major. As
   * glmer: from the finite-difference Hessian of the objective over [β; θ] at the optimum
   * (2·H⁻¹), so it accounts for the dependence between β and θ; for a fast fit, or where that
   * Hessian is not positive definite, φ·(L_XX L_XXᵀ)⁻¹ of the working model.
   */
  override vcov(): Float64Array {
    return expandCovariance(this.parts.X, this.betaCovariance());
  }

  /** Standard errors for every column of X (NaN where aliased); see `vcov`. */
  override stderror(): Float64Array {
    return standardErrorsFromCovariance(this.parts.X, this.betaCovariance());
  }

  /** Fitted means μ = g⁻¹(η) (the response scale). */
  fitted(): Float64Array {
    return Float64Array.from(this.evaluator.glm.mu);
  }

  /** The linear predictor η = Xβ + Zb + offset. */
  linearPredictor(): Float64Array {
    return Float64Array.from(this.evaluator.eta);
  }

  /** Residuals of a type R's `residuals.glm` knows; "response" (y − μ) by default. */
  residuals(type: GlmmResidualType = "response"): Float64Array {
    const { glm } = this.evaluator;
    return glmmResiduals(this.response, glm.mu, glm.muEta, type);
  }

  /** The response (a copy; `refit` may have replaced the one in `parts`). */
  responseValues(): Float64Array {
    return Float64Array.from(this.response.y);
  }

  /**
   * Maximize the approximate likelihood: over [β; θ] from the GLM's β (default), or over θ with
   * β inside PIRLS (`fast`). Afterwards rectify θ, snap tiny variances to zero when the objective
   * allows, and re-install the working model at the optimum.
   * @throws ModelError without an optimizer, when already fitted (use `refit`), for nAGQ outside
   *   1–25 or nAGQ > 1 with anything but one scalar random-effects term (naming the terms), or
   *   when PIRLS fails at the starting point; FitAbortedError when `options.signal` is aborted (the model is left at its
   *   start, so `refit` starts clean).
   */
  fit(options: GlmmFitOptions): this {
    checkOptimizerGiven(options, "fit");
    if (this.isFitted) throw new ModelError("the model is already fitted; use refit()");
    this.lastFitOptions = options;
    this.warnings.length = 0;
    this.warnings.push(...this.responseWarnings);
    try {
      const outcome = runGlmmFit(
        {
          system: this.system,
          parts: this.parts,
          evaluator: this.evaluator,
          glmBeta: this.glmBeta,
          y: this.response.y,
          isSingular: () => this.isSingular(),
        },
        options,
      );
      this.fitState = outcome.state;
      this.covarianceCache = null;
    this.loglikelihoodCache = Number.NaN;
      this.installedObjective = outcome.objective;
      this.summaryOfOptimization = outcome.optsum;
      this.warnings.push(...outcome.warnings);
    } catch (error) {
      this.resetToStart();
      throw error;
    }
    return this;
  }

  /**
   * Fit again from the start (θ = 1, the GLM's β), optionally with a new response of the same
   * length (checked against the family) and changed options; defaults to the previous options.
   */
  refit(newResponse?: ArrayLike<number>, options: Partial<GlmmFitOptions> = {}): this {
    const previous = this.lastFitOptions;
    const optimizer = options.optimizer ?? previous?.optimizer;
    if (optimizer === undefined)
      throw new ModelError("refit needs an optimizer: none was used before");
    if (newResponse !== undefined) {
      if (newResponse.length !== this.parts.n) {
        throw new ModelError(
          `the new response has ${newResponse.length} values, the model has ${this.parts.n}`,
        );
      }
      const y = Float64Array.from(newResponse);
      checkFiniteResponse(y, this.parts.responseName);
      this.response.family.checkResponse(y, {
        column: this.parts.responseName,
        weights: this.response.priorWeights ?? undefined,
      });
      this.response.y.set(y);
      this.glmBeta = fitGlmStart(this.parts.X, this.response, this.parts.responseName);
    }
    this.resetToStart();
    return this.fit({ ...previous, ...options, optimizer });
  }

  /** β, u and how the fit was made, for `restoreOptimization` (the umbrella's `saveFit`). */
  savedState(): GlmmSavedState {
    const fitState = this.fitState;
    if (!this.isFitted || fitState === null) {
      throw new ModelError("savedState() needs a fitted model; call fit() first");
    }
    return savedStateOf(this.evaluator.beta, this.evaluator.u, fitState);
  }

  /**
   * Install a saved fit without optimizing (MixedModels.jl's `restoreoptsum!`; for the
   * umbrella's `restoreFit`): θ from `optsum.finalTheta`, β and u from `state`, the working model
   * there, and objective, summary, fit log and warnings as saved, so every accessor gives the
   * saved model's bits. `refit` then needs an optimizer.
   * @throws ModelError if already fitted, for sizes that do not fit this model, or when the
   *   working model cannot be installed at the saved parameters.
   */
  restoreOptimization(
    optsum: OptimizationSummary,
    state: GlmmSavedState,
    warnings: readonly ModelWarningV1[] = [],
  ): this {
    this.checkRestorable();
    const { theta, beta, u, covariance } = restoredParameters(this.system, optsum, state);
    this.system.setTheta(theta);
    this.evaluator.beta.set(beta);
    this.evaluator.u.set(u);
    if (!Number.isFinite(this.evaluator.install())) {
      this.resetToStart();
      throw new ModelError("the saved parameters give no finite deviance on these data");
    }
    const { nAGQ, fast, pirlsIterations } = state;
    this.fitState = { nAGQ, fast, pirlsIterations: [...pirlsIterations], covariance };
    this.covarianceCache = null;
    this.loglikelihoodCache = Number.NaN;
    this.installedObjective = optsum.finalObjective;
    this.adoptRestoredRecord(optsum, warnings);
    return this;
  }

  /** Everything a report needs, as plain data, with the family, link and nAGQ. */
  summary(): FittedModelSummaryV1 {
    const optsum = this.summaryOfOptimization;
    if (optsum === null) throw new ModelError("summary() needs a fitted model; call fit() first");
    return buildGeneralizedSummary(this, optsum);
  }

  /** A brief plain-text description (the report package prints the full summary). */
  override toString(): string {
    const head = `Generalized linear mixed model (${this.familyName}, ${this.linkName} link): ${this.parts.formula.text}`;
    if (!this.isFitted) return `${head}\n(not fitted)`;
    return [
      head,
      `  objective ${this.objective.toFixed(4)} (nAGQ = ${this.nAGQ}), n ${this.nobs}`,
      ...this.briefEstimateLines(),
    ].join("\n");
  }

  protected estimates(): ModelEstimates {
    return this.evaluator;
  }

  protected get scale(): number {
    return this.sigma;
  }

  protected ensureState(): void {
    // The working model is installed by every fit, refit and reset; accessors only read it.
  }

  /** The p×p covariance of β (kept columns), computed once per fit. */
  private betaCovariance(): Float64Array {
    if (this.covarianceCache !== null) return this.covarianceCache;
    // The fit's Newton polish took the Hessian already (at the point it stepped from, a small
    // step from the optimum); else compute it here, at the optimum.
    let covariance: Float64Array | null = this.fitState?.covariance ?? null;
    if (covariance === null && this.isFitted && !this.fast) {
      covariance = hessianCovarianceAtOptimum(this.evaluator, this.system, this.parts, this.nAGQ);
    }
    if (covariance === null) {
      if (this.isFitted && !this.fast) {
        this.warnings.push({
          code: "hessian-not-positive-definite",
          message:
            "the Hessian of the objective at the optimum is not positive definite; standard errors are from the working model's precision of β",
        });
      }
      covariance = workingModelCovariance(this.system, this.parts, this.sigma);
    }
    if (this.isFitted) this.covarianceCache = covariance;
    return covariance;
  }

  private dispersionValue(): number {
    if (!this.dispersionParameter) return 1;
    return penalizedDispersion(this.evaluator.glm, this.evaluator.penalty, this.parts.n);
  }

  /** Unfitted at the start: θ = 1 on diagonals, β from the GLM, u = 0, the working model there. */
  private resetToStart(): void {
    this.summaryOfOptimization = null;
    this.covarianceCache = null;
    this.loglikelihoodCache = Number.NaN;
    this.fitState = null;
    this.system.setTheta(this.system.layout.initialTheta());
    this.evaluator.beta.set(this.glmBeta);
    this.evaluator.u.fill(0);
    const value = this.evaluator.install();
    this.installedObjective = Number.isFinite(value) ? this.evaluator.laplace() : Number.NaN;
  }
}
