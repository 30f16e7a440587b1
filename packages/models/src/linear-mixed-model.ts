import {
  type FittedModelSummaryV1,
  ModelError,
  type ModelWarningV1,
  type MinimizeResultV1,
  NotPositiveDefiniteError,
  DataError,
  type TableInput,
  type VarCorrGroupV1,
} from "@mixedmodels/core";
import { normalTwoSidedPValue } from "@mixedmodels/distributions";
import { type ParsedFormula, parseFormula } from "@mixedmodels/formula";
import { trsm } from "@mixedmodels/linalg";
import { buildModelParts, type ModelParts, type ModelPartsOptions } from "@mixedmodels/modelmatrix";
import { BlockedSystem } from "./blocked-system";
import { conditionalVariances } from "./conditional-variances";
import type { SparseFactorPolicy } from "./factor-storage";
import { resolveFitSettings, snapTinyDiagonals, ZERO_SNAP_OBJECTIVE } from "./fit-settings";
import { formatEvaluationLine } from "./julia-format";
import { leverage } from "./leverage";
import { buildSummary } from "./model-summary";
import type {
  BlockDescription,
  CoefficientRow,
  ConditionalVarianceTable,
  FitLogEntry,
  FitOptions,
  OptimizationSummary,
  RandomEffectsTable,
} from "./model-types";
import { computeVarCorr, thetaNames } from "./var-corr";

/** Options of the `LinearMixedModel` constructor. */
export interface LinearMixedModelOptions {
  /** Default criterion for `objective`/`fit` (false = maximum likelihood). */
  readonly reml?: boolean;
  /**
   * How a filled-in diagonal block of L is factored: "auto" (default; sparse supernodal Cholesky
   * when its estimated flops beat dense clearly), "never" (dense), "always" (sparse whenever
   * the blocks left of it are sparse). The objective is the same up to rounding.
   */
  readonly sparseFactor?: SparseFactorPolicy;
}

/** The solution of the penalized least-squares problem at the current θ. */
interface Solution {
  readonly beta: Float64Array;
  readonly u: Float64Array;
  readonly b: Float64Array;
  readonly sigma: number;
  readonly objective: number;
}

/**
 * A linear mixed model y = Xβ + Zb + ε, b ~ N(0, σ²ΛΛᵀ), ε ~ N(0, σ²I), fitted by minimizing the
 * profiled deviance (ML) or REML criterion over θ, the parameters of Λ (MixedModels.jl's method).
 * Build it from `ModelParts`; `fit` runs any `OptimizerV1`. Accessors describe the model at its
 * current θ: after `fit`, the optimum.
 */
export class LinearMixedModel {
  readonly parts: ModelParts;
  /** Structured warnings (singular fit, rank-deficient X, optimizer status); never printed. */
  readonly warnings: ModelWarningV1[] = [];
  private readonly system: BlockedSystem;
  private remlCriterion: boolean;
  private stateValid = false;
  private solutionCache: Solution | null = null;
  private summaryOfOptimization: OptimizationSummary | null = null;
  private lastFitOptions: FitOptions | null = null;
  private response: Float64Array;

  /**
   * Build the blocked cross-product and factor storage (once; O(n)).
   * @throws ModelError without random-effects terms; DataError for a non-finite response value
   *   (naming the row); UnsupportedKernelError for an unsupported block structure.
   */
  constructor(parts: ModelParts, options: LinearMixedModelOptions = {}) {
    checkFinite(parts.y, parts.responseName);
    this.parts = parts;
    this.response = parts.y;
    this.system = new BlockedSystem(parts, { sparseFactor: options.sparseFactor });
    this.remlCriterion = options.reml ?? false;
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

  /** Whether `fit` has run. */
  get isFitted(): boolean {
    return this.summaryOfOptimization !== null;
  }

  /** The response (a copy; `refit` may have replaced the one in `parts`). */
  responseValues(): Float64Array {
    return Float64Array.from(this.response);
  }

  /** Number of observations. */
  get nobs(): number {
    return this.parts.n;
  }

  /** The covariance parameter θ (a copy), in the model's term order. */
  get theta(): Float64Array {
    return this.system.getTheta();
  }

  /** lme4-style names of the θ elements (`Subject.(Intercept)`, `Subject.Days.(Intercept)`). */
  thetaNames(): string[] {
    return thetaNames(this.parts.reterms);
  }

  /** Canonical lower bounds of θ: 0 on diagonal positions, −∞ elsewhere. */
  get lowerbd(): Float64Array {
    return this.system.layout.lowerBounds();
  }

  /**
   * Install θ and update the factor. @throws NotPositiveDefiniteError (block, row) when the
   * system is not positive definite at θ; ModelError for a θ of the wrong length.
   */
  setTheta(theta: ArrayLike<number>): this {
    if (theta.length !== this.system.layout.length) {
      throw new ModelError(`θ has ${this.system.layout.length} elements, got ${theta.length}`);
    }
    this.system.setTheta(theta);
    this.refreshState();
    return this;
  }

  /**
   * The objective (ML deviance, or REML criterion with `reml`) at θ, without an optimizer. On a
   * fitted model the fitted θ is re-installed afterwards.
   * @throws NotPositiveDefiniteError when the system is not positive definite at θ.
   */
  objectiveAt(theta: ArrayLike<number>, reml: boolean = this.remlCriterion): number {
    const saved = this.isFitted ? this.system.getTheta() : null;
    this.setTheta(theta);
    const value = this.system.objective(reml);
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

  /** nobs − dof (provisional, as in MixedModels.jl). */
  get dofResidual(): number {
    return this.nobs - this.dof;
  }

  /** Akaike's criterion: objective + 2·dof (for REML fits, from the REML criterion, as lme4). */
  get aic(): number {
    return this.objective + 2 * this.dof;
  }

  /** Schwarz's criterion: objective + dof·log(nobs). */
  get bic(): number {
    return this.objective + this.dof * Math.log(this.nobs);
  }

  /** Small-sample AIC: aic + 2k(k+1)/(n − k − 1), k = dof. */
  get aicc(): number {
    const k = this.dof;
    return this.aic + (2 * k * (k + 1)) / (this.nobs - k - 1);
  }

  /** Residual standard deviation σ̂ = √(r²/ν), ν = n (ML) or n − p (REML). */
  get sigma(): number {
    return this.solution().sigma;
  }

  /** Penalized residual sum of squares r²_θ. */
  get pwrss(): number {
    this.ensureState();
    return this.system.pwrss();
  }

  /** Fixed effects for the kept (full-rank) columns of X, length p. */
  fixef(): Float64Array {
    return Float64Array.from(this.solution().beta);
  }

  /** Names of the kept columns of X, aligned with `fixef()`. */
  fixefnames(): string[] {
    return [...this.parts.X.names];
  }

  /** Fixed effects for every column of X in original order; −0 for aliased columns. */
  coef(): Float64Array {
    const { X } = this.parts;
    const out = new Float64Array(X.allNames.length).fill(-0);
    const beta = this.solution().beta;
    X.kept.forEach((column, i) => {
      out[column] = beta[i];
    });
    return out;
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
    const solution = this.solution();
    const source = options.uscale ? solution.u : solution.b;
    return this.parts.reterms.map((term, j) => {
      const start = this.system.offsets[j];
      return {
        group: term.group,
        levels: term.levels,
        columnNames: term.columnNames,
        values: source.slice(start, this.system.offsets[j + 1]),
      };
    });
  }

  /**
   * Conditional covariance of b per level: the s×s diagonal blocks of σ²Λ(ΛᵀZᵀZΛ + I)⁻¹Λᵀ.
   * Costs one triangular solve per random effect.
   */
  condVar(): ConditionalVarianceTable[] {
    const { sigma } = this.solution();
    return conditionalVariances(this.system, sigma);
  }

  /** Variance components grouped as lme4 prints them, plus the residual SD. */
  varCorr(): { groups: VarCorrGroupV1[]; residual: number } {
    const sigma = this.sigma;
    return {
      groups: computeVarCorr(this.parts.reterms, this.system.lambdas, sigma),
      residual: sigma,
    };
  }

  /**
   * Covariance matrix of the fixed effects, σ²(L_XX L_XXᵀ)⁻¹, for every column of X (original
   * order; NaN rows and columns for aliased columns). Column-major, size allNames².
   */
  vcov(): Float64Array {
    const { p } = this.system;
    const inverse = this.fixedFactorInverse();
    const sigma2 = this.sigma ** 2;
    const { X } = this.parts;
    const m = X.allNames.length;
    const out = new Float64Array(m * m).fill(Number.NaN);
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < p; b++) {
        let sum = 0;
        for (let r = 0; r < p; r++) sum += inverse[r + a * p] * inverse[r + b * p];
        out[X.kept[a] + X.kept[b] * m] = sigma2 * sum;
      }
    }
    return out;
  }

  /** Standard errors for every column of X (NaN where aliased). */
  stderror(): Float64Array {
    const { p } = this.system;
    const inverse = this.fixedFactorInverse();
    const sigma = this.sigma;
    const out = new Float64Array(this.parts.X.allNames.length).fill(Number.NaN);
    for (let c = 0; c < p; c++) {
      let sum = 0;
      for (let r = 0; r < p; r++) sum += inverse[r + c * p] ** 2;
      out[this.parts.X.kept[c]] = sigma * Math.sqrt(sum);
    }
    return out;
  }

  /** Estimates, standard errors, Wald z and two-sided p-values, original column order. */
  coeftable(): CoefficientRow[] {
    const estimates = this.coef();
    const errors = this.stderror();
    const aliased = new Set(this.parts.X.aliased);
    return this.parts.X.allNames.map((name, i) => {
      const z = estimates[i] / errors[i];
      return {
        name,
        estimate: estimates[i],
        stderror: errors[i],
        z,
        p: normalTwoSidedPValue(z),
        aliased: aliased.has(name),
      };
    });
  }

  /** Fitted values Xβ + Zb (+ the offset, if any). */
  fitted(): Float64Array {
    const { beta, b } = this.solution();
    const { n, X, reterms } = this.parts;
    const out = this.parts.offset ? Float64Array.from(this.parts.offset) : new Float64Array(n);
    for (let c = 0; c < X.p; c++) {
      const bc = beta[c];
      for (let t = 0; t < n; t++) out[t] += X.data[t + c * n] * bc;
    }
    reterms.forEach((term, j) => {
      const s = term.s;
      const start = this.system.offsets[j];
      for (let t = 0; t < n; t++) {
        const base = start + term.refs[t] * s;
        let sum = 0;
        for (let r = 0; r < s; r++) sum += term.z[t * s + r] * b[base + r];
        out[t] += sum;
      }
    });
    return out;
  }

  /** y − fitted. */
  residuals(): Float64Array {
    const fitted = this.fitted();
    const y = this.response;
    return fitted.map((value, t) => y[t] - value);
  }

  /**
   * Leverage: the diagonal of [ZΛ X](LLᵀ)⁻¹[ZΛ X]ᵀ (rows weighted by √w). One forward solve per
   * observation, so it costs O(n·nnz(L)).
   */
  leverage(): Float64Array {
    this.ensureState();
    return leverage(this.system, this.parts);
  }

  /**
   * The storage type of every block of L (where the model fills in, and where it stays sparse),
   * and per term how its diagonal block is factored, with the flop estimates behind that choice.
   */
  blockDescription(): BlockDescription {
    const names: Record<string, string> = {
      diagonal: "Diagonal",
      "uniform-block-diagonal": "BlkDiag",
      "sparse-csc": "Sparse",
      dense: "Dense",
      "sparse-cholesky": "SparseChol",
    };
    const rows = this.parts.reterms.map((term) => ({
      name: term.group,
      size: term.levels.length * term.s,
    }));
    rows.push({ name: "fixed", size: this.system.p + 1 });
    const blocks = rows.map((_, i) =>
      rows.slice(0, i + 1).map((__, j) => names[this.system.factorBlock(i, j).kind]),
    );
    const factorization = this.system.factorChoices.map((choice, i) => ({
      name: rows[i].name,
      ...choice,
    }));
    return { rows, blocks, factorization };
  }

  /** Whether some diagonal θ element is (within atol + rtol·|θ|) at its lower bound 0. */
  isSingular(options: { atol?: number; rtol?: number } = {}): boolean {
    const atol = options.atol ?? 0;
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

  /** θ and objective at every evaluation of the last fit (empty before `fit`). */
  get fitLog(): readonly FitLogEntry[] {
    return this.summaryOfOptimization?.fitLog ?? [];
  }

  /**
   * Minimize the objective over θ with `options.optimizer`: start at θ = 1 on diagonal positions
   * and 0 elsewhere, lower bounds 0 on the diagonal; a failed factorization at a trial θ answers
   * the initial objective. Afterwards rectify signs, snap tiny diagonal θ to zero when the
   * objective allows, and re-evaluate at the final θ.
   * @throws ModelError if already fitted (use `refit`) or the response is constant;
   *   NotPositiveDefiniteError if even the rescaled initial θ fails.
   */
  fit(options: FitOptions): this {
    if (this.isFitted) throw new ModelError("the model is already fitted; use refit()");
    this.checkResponse();
    if (options.reml !== undefined) this.remlCriterion = options.reml;
    this.lastFitOptions = options;
    this.warnings.length = 0;
    const reml = this.remlCriterion;
    const layout = this.system.layout;
    const initialTheta = this.initialPoint();
    const initialObjective = this.system.objective(reml);
    const settings = resolveFitSettings(options, layout, initialTheta);

    const fitLog: FitLogEntry[] = [];
    const record = (theta: Float64Array, value: number) => {
      fitLog.push({ theta: Float64Array.from(theta), objective: value });
      const evaluation = fitLog.length;
      if (options.verbose) console.log(formatEvaluationLine(evaluation, theta, value));
      options.progress?.(evaluation, Float64Array.from(theta), value);
    };
    const objective = {
      dimension: layout.length,
      value: (theta: Float64Array): number => {
        this.system.setTheta(theta);
        this.invalidate();
        const value = this.system.updateFactor() ? this.system.objective(reml) : initialObjective;
        record(theta, value);
        return value;
      },
    };
    const result: MinimizeResultV1 = options.optimizer.minimize(
      objective,
      Float64Array.from(initialTheta),
      {
        bounds: { lower: settings.lower, upper: settings.upper },
        ftolRel: settings.ftolRel,
        ftolAbs: settings.ftolAbs,
        xtolAbs: settings.xtolAbs,
        initialStep: settings.initialStep,
        maxEvaluations: options.maxEvaluations,
        signal: options.signal,
      },
    );

    // Canonical signs, then snap tiny diagonal elements to exact zeros when that costs nothing.
    let theta: Float64Array = Float64Array.from(result.theta);
    let best = result.value;
    if (!Number.isFinite(best)) {
      this.setTheta(theta);
      best = this.system.objective(reml);
    }
    layout.rectify(theta);
    const snapped = snapTinyDiagonals(layout, theta);
    if (snapped !== null) {
      this.system.setTheta(snapped);
      if (this.system.updateFactor()) {
        const value = this.system.objective(reml);
        if (value <= best + ZERO_SNAP_OBJECTIVE) {
          theta = snapped;
          record(snapped, value);
        }
      }
    }
    this.setTheta(theta);
    const finalObjective = this.system.objective(reml);

    this.summaryOfOptimization = {
      optimizer: options.optimizer.name,
      evaluations: fitLog.length,
      status: result.status,
      converged: result.status === "converged",
      message: result.message,
      initialTheta: Array.from(initialTheta),
      initialObjective,
      finalTheta: Array.from(theta),
      finalObjective,
      ftolRel: settings.ftolRel,
      ftolAbs: settings.ftolAbs,
      xtolAbs: settings.xtolAbs,
      initialStep: Array.from(settings.initialStep),
      fitLog,
    };
    this.collectWarnings(result);
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
      checkFinite(y, this.parts.responseName);
      this.system.setResponse(y);
      this.response = y;
    }
    this.summaryOfOptimization = null;
    this.system.setTheta(this.system.layout.initialTheta());
    this.invalidate();
    return this.fit({ ...previous, ...options, optimizer });
  }

  /** Everything a report needs, as plain data (`FittedModelSummaryV1`). */
  summary(): FittedModelSummaryV1 {
    const optsum = this.summaryOfOptimization;
    if (optsum === null) throw new ModelError("summary() needs a fitted model; call fit() first");
    return buildSummary(this, optsum);
  }

  /** A brief plain-text description (the report package prints the full summary). */
  toString(): string {
    const criterion = this.reml ? "REML criterion" : "deviance";
    const head = `Linear mixed model fit by ${this.reml ? "REML" : "maximum likelihood"}: ${this.parts.formula.text}`;
    if (!this.isFitted) return `${head}\n(not fitted)`;
    const names = this.fixefnames();
    const beta = this.fixef();
    const lines = [
      head,
      `  ${criterion} ${this.objective.toFixed(4)}, σ ${this.sigma.toPrecision(6)}, n ${this.nobs}`,
      ...this.varCorr().groups.map(
        (g) => `  ${g.group}: sd ${g.sd.map((v) => v.toPrecision(6)).join(", ")}`,
      ),
      ...names.map((name, i) => `  ${name} ${beta[i].toPrecision(6)}`),
    ];
    return lines.join("\n");
  }

  private checkResponse(): void {
    const y = this.response;
    for (let t = 1; t < y.length; t++) if (y[t] !== y[0]) return;
    throw new ModelError("the response is constant: there is nothing to fit");
  }

  /** Install the initial θ; if L fails there, rescale it as MixedModels.jl does and retry. */
  private initialPoint(): Float64Array {
    const theta = this.system.layout.initialTheta();
    this.system.setTheta(theta);
    this.invalidate();
    if (this.system.updateFactor()) {
      this.stateValid = true;
      return theta;
    }
    let maxY = 0;
    for (const value of this.response) maxY = Math.max(maxY, Math.abs(value));
    let maxW = 1;
    if (this.parts.weights !== null) maxW = Math.max(...this.parts.weights);
    const scale = maxY * maxW;
    for (let i = 0; i < theta.length; i++) theta[i] /= scale;
    this.warnings.push({
      code: "initial-theta-rescaled",
      message: `the system was not positive definite at the initial θ; θ was divided by ${scale}`,
    });
    this.setTheta(theta);
    return theta;
  }

  private collectWarnings(result: MinimizeResultV1): void {
    if (result.status !== "converged") {
      const code =
        result.status === "maxEvaluations"
          ? "max-evaluations"
          : result.status === "aborted"
            ? "aborted"
            : "not-converged";
      this.warnings.push({
        code,
        message: `optimizer ${this.summaryOfOptimization?.optimizer}: ${result.message}`,
      });
    }
    if (this.parts.X.aliased.length > 0 && this.parts.X.allNames.length > 1) {
      this.warnings.push({
        code: "rank-deficient",
        message: `fixed-effects matrix is rank deficient; dropped: ${this.parts.X.aliased.join(", ")}`,
      });
    }
    if (this.isSingular()) {
      this.warnings.push({
        code: "singular",
        message: "singular fit: some linear combination of the random effects has zero variance",
      });
    }
  }

  private invalidate(): void {
    this.stateValid = false;
    this.solutionCache = null;
  }

  private refreshState(): void {
    this.invalidate();
    if (!this.system.updateFactor()) {
      throw new NotPositiveDefiniteError(
        this.system.cholesky.failedBlock,
        this.system.cholesky.failedRow,
      );
    }
    this.stateValid = true;
  }

  private ensureState(): void {
    if (!this.stateValid) this.refreshState();
  }

  private solution(): Solution {
    this.ensureState();
    if (this.solutionCache !== null) return this.solutionCache;
    const system = this.system;
    const beta = new Float64Array(system.p);
    system.solveFixedEffects(beta);
    const u = new Float64Array(system.q);
    system.solveSphericalModes(beta, u);
    const b = new Float64Array(system.q);
    system.toRandomEffects(u, b);
    const nu = this.remlCriterion ? system.n - system.p : system.n;
    const sigma = Math.sqrt(system.pwrss() / nu);
    this.solutionCache = { beta, u, b, sigma, objective: system.objective(this.remlCriterion) };
    return this.solutionCache;
  }

  /** L_XX⁻¹ (p×p, column-major). */
  private fixedFactorInverse(): Float64Array {
    this.ensureState();
    const { p } = this.system;
    const inverse = new Float64Array(p * p);
    for (let i = 0; i < p; i++) inverse[i + i * p] = 1;
    trsm("left", false, p, p, 1, this.system.fixedBlock.values, 0, p + 1, inverse, 0, p);
    return inverse;
  }
}

/** Build an unfitted model from `ModelParts` (same as `new LinearMixedModel(parts, options)`). */
export function createLinearMixedModel(
  parts: ModelParts,
  options: LinearMixedModelOptions = {},
): LinearMixedModel {
  return new LinearMixedModel(parts, options);
}

/** A NaN or ±Infinity in the response would give a silent NaN objective: reject it up front. */
function checkFinite(y: ArrayLike<number>, name: string): void {
  for (let t = 0; t < y.length; t++) {
    if (!Number.isFinite(y[t])) {
      throw new DataError(`the response '${name}' has the non-finite value ${y[t]} in row ${t}`, {
        column: name,
        row: t,
      });
    }
  }
}
