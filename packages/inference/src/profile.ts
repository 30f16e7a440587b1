import { ModelError, NotPositiveDefiniteError } from "@mixedmodels/core";
import { normalQuantile } from "@mixedmodels/distributions";
import type { FixedEffectsMatrix, ModelParts } from "@mixedmodels/modelmatrix";
import { LinearMixedModel } from "@mixedmodels/models";
import { bobyqa } from "@mixedmodels/optim";
import { requireLinear } from "./model-kind";
import { invertZeta, walkProfile, type ZetaFunction, type ZetaPoint } from "./profile-walk";
import { VarianceScale } from "./variance-scale";

/** ζ over a grid for one parameter. */
export interface ParameterProfile {
  /** lme4's name: `sd_(Intercept)|Subject`, `cor_Days.(Intercept)|Subject`, `sigma`, `Days`. */
  readonly name: string;
  readonly estimate: number;
  /** Grid values, increasing, and ζ at each (0 at the estimate). */
  readonly values: readonly number[];
  readonly zeta: readonly number[];
}

/** The likelihood profile of a linear mixed model as plain JSON data. */
export interface LikelihoodProfile {
  /** The ML deviance at the optimum (REML fits are profiled by ML, as lme4 does). */
  readonly deviance: number;
  readonly parameters: readonly ParameterProfile[];
}

/** lme4's default `alphamax = 0.01`: profiles reach |ζ| = qnorm(0.995). */
const defaultZetaMax = 2.5758293035489004;

/**
 * The profiled parameters of a model: ζ functions on lme4's scale (sds, correlations, σ by
 * minimizing the ML deviance d(θ, σ) over the others with BOBYQA, warm-started from the
 * neighbouring grid point; each fixed effect by refitting with it fixed, as an offset).
 */
class ProfileSession {
  readonly deviance: number;
  readonly names: string[];
  readonly estimates: number[];
  private readonly scale: VarianceScale;
  private readonly ml: LinearMixedModel;

  constructor(private readonly model: LinearMixedModel) {
    requireLinear(model, "profile");
    if (!model.isFitted) throw new ModelError("profile needs a fitted model; call fit() first");
    if (model.parts.weights !== null)
      throw new ModelError("profile does not support case weights yet");
    // lme4 profiles REML fits on the ML deviance (its devfun2 refits by ML first).
    this.ml = new LinearMixedModel(model.parts, { reml: false });
    if (model.reml) this.ml.fit({ optimizer: bobyqa() });
    else this.ml.restoreOptimization(model.optsum!);
    this.deviance = this.ml.objective;
    this.scale = new VarianceScale(model.parts.reterms);
    const variance = this.scale.fromTheta(this.ml.theta, this.ml.sigma);
    this.names = [...this.scale.names, ...model.parts.X.names];
    this.estimates = [...variance, ...this.ml.fixef()];
  }

  /** The grid and ζ function of parameter `index` (in `names` order). */
  parameter(
    index: number,
    zetaMax: number,
  ): { grid: ZetaPoint[]; zetaAt: ZetaFunction; bounds: [number, number] } {
    const v = this.scale.length;
    if (index < v) return this.varianceParameter(index, zetaMax);
    return this.fixedParameter(index - v, zetaMax);
  }

  /** d(θ, σ) = logdet + r²/σ² + n·log(2πσ²) at (sds, correlations, σ); +∞ where undefined. */
  private varianceDeviance(values: Float64Array): number {
    const theta = this.scale.toTheta(values);
    if (theta === null) return Number.POSITIVE_INFINITY;
    try {
      this.ml.setTheta(theta);
    } catch (error) {
      if (error instanceof NotPositiveDefiniteError) return Number.POSITIVE_INFINITY;
      throw error;
    }
    const n = this.ml.nobs;
    const r2 = this.ml.pwrss;
    const logdet = this.ml.objective - n * (1 + Math.log((2 * Math.PI * r2) / n));
    const sigma = values[values.length - 1];
    return logdet + r2 / (sigma * sigma) + n * Math.log(2 * Math.PI * sigma * sigma);
  }

  private varianceParameter(index: number, zetaMax: number) {
    const v = this.scale.length;
    const estimates = Float64Array.from(this.estimates.slice(0, v));
    const sigma = estimates[v - 1];
    const free = [...Array(v).keys()].filter((i) => i !== index);
    const lower = Float64Array.from(free, (i) =>
      i === v - 1 ? 1e-8 * sigma : this.scale.bounds(i)[0],
    );
    const upper = Float64Array.from(free, (i) => this.scale.bounds(i)[1]);
    const steps = Float64Array.from(free, (i) =>
      this.scale.isCorrelation[i] ? 0.02 : 0.02 * Math.max(Math.abs(estimates[i]), 0.05 * sigma),
    );
    const optimizer = bobyqa({ rhoend: 1e-9 });
    const zetaAt: ZetaFunction = (value, warm) => {
      const point = Float64Array.from(warm);
      point[index] = value;
      let best = Number.POSITIVE_INFINITY;
      let state = point;
      if (free.length === 0) best = this.varianceDeviance(point);
      else {
        const start = Float64Array.from(free, (i, k) =>
          Math.min(Math.max(point[i], lower[k]), upper[k]),
        );
        const result = optimizer.minimize(
          {
            dimension: free.length,
            value: (x) => {
              free.forEach((i, k) => {
                point[i] = x[k];
              });
              return this.varianceDeviance(point);
            },
          },
          start,
          { bounds: { lower, upper }, initialStep: steps },
        );
        best = result.value;
        state = Float64Array.from(point);
        free.forEach((i, k) => {
          state[i] = result.theta[k];
        });
      }
      const change = Math.max(best - this.deviance, 0);
      return { value, zeta: Math.sign(value - estimates[index]) * Math.sqrt(change), state };
    };
    const bounds = this.scale.bounds(index);
    const initialStep = this.scale.isCorrelation[index]
      ? 0.05
      : 0.05 * Math.max(Math.abs(estimates[index]), 0.05 * sigma);
    const grid = walkProfile(zetaAt, {
      estimate: estimates[index],
      state: estimates,
      initialStep,
      lower: bounds[0],
      upper: bounds[1],
      zetaMax,
    });
    this.ml.setTheta(this.scale.toTheta(estimates)!);
    return { grid, zetaAt, bounds };
  }

  private fixedParameter(column: number, zetaMax: number) {
    const parts = this.model.parts;
    const X = parts.X;
    const estimate = this.estimates[this.scale.length + column];
    const xj = X.data.subarray(column * X.n, (column + 1) * X.n);
    const response = (b: number) => parts.y.map((y, t) => y - b * xj[t]);
    const reducedParts: ModelParts = {
      ...parts,
      X: withoutColumn(X, column),
      y: response(estimate),
    };
    const reduced = new LinearMixedModel(reducedParts, { reml: false }).fit({
      optimizer: bobyqa(),
    });
    const empty = new Float64Array(0);
    const zetaAt: ZetaFunction = (value) => {
      reduced.refit(response(value));
      const change = Math.max(reduced.objective - this.deviance, 0);
      return { value, zeta: Math.sign(value - estimate) * Math.sqrt(change), state: empty };
    };
    const se = this.ml.stderror()[X.kept[column]];
    const bounds: [number, number] = [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
    const grid = walkProfile(zetaAt, {
      estimate,
      state: empty,
      initialStep: 0.5 * se,
      lower: bounds[0],
      upper: bounds[1],
      zetaMax,
    });
    return { grid, zetaAt, bounds };
  }
}

/** X without kept column `column` (a profile fixes that coefficient). */
function withoutColumn(X: FixedEffectsMatrix, column: number): FixedEffectsMatrix {
  const p = X.p - 1;
  const data = new Float64Array(X.n * p);
  let k = 0;
  for (let c = 0; c < X.p; c++) {
    if (c === column) continue;
    data.set(X.data.subarray(c * X.n, (c + 1) * X.n), k * X.n);
    k++;
  }
  const names = X.names.filter((_, c) => c !== column);
  return {
    n: X.n,
    p,
    data,
    names,
    allNames: names,
    kept: Int32Array.from(names.keys()),
    aliased: [],
  };
}

/** Pick the parameter indices by name. @throws ModelError naming an unknown one */
function selectIndices(names: readonly string[], wanted: readonly string[] | undefined): number[] {
  if (wanted === undefined) return [...names.keys()];
  return wanted.map((name) => {
    const index = names.indexOf(name);
    if (index < 0)
      throw new ModelError(`no parameter '${name}' to profile; known: ${names.join(", ")}`);
    return index;
  });
}

/**
 * The likelihood profile (lme4's `profile`, MixedModels.jl's `profile`) of a linear mixed model:
 * for every parameter (or those named), ζ(x) = sign(x − x̂)·√(d_min(x) − d̂) on a grid from the
 * estimate out to |ζ| = `zetaMax` (default qnorm(0.995)) or a bound (sd ≥ 0, |cor| ≤ 1).
 * @throws ModelError for an unfitted or weighted model, or an unknown parameter name
 */
export function profile(
  model: LinearMixedModel,
  options: { readonly parameters?: readonly string[]; readonly zetaMax?: number } = {},
): LikelihoodProfile {
  const session = new ProfileSession(model);
  const zetaMax = options.zetaMax ?? defaultZetaMax;
  const parameters = selectIndices(session.names, options.parameters).map((index) => {
    const { grid } = session.parameter(index, zetaMax);
    return {
      name: session.names[index],
      estimate: session.estimates[index],
      values: grid.map((p) => p.value),
      zeta: grid.map((p) => p.zeta),
    };
  });
  return { deviance: session.deviance, parameters };
}

/**
 * Profile confidence intervals: the values where ζ = ∓qnorm((1 + level)/2), found on the grid
 * and refined on ζ itself; an end that ζ never reaches before a bound is the bound (0 for an sd).
 */
export function profileIntervals(
  model: LinearMixedModel,
  level: number,
  parameters?: readonly string[],
): { names: string[]; lower: number[]; upper: number[] } {
  const session = new ProfileSession(model);
  const z = normalQuantile((1 + level) / 2);
  const zetaMax = Math.max(defaultZetaMax, 1.1 * z);
  const indices = selectIndices(session.names, parameters);
  const lower: number[] = [];
  const upper: number[] = [];
  for (const index of indices) {
    const { grid, zetaAt, bounds } = session.parameter(index, zetaMax);
    lower.push(invertZeta(grid, -z, zetaAt, bounds));
    upper.push(invertZeta(grid, z, zetaAt, bounds));
  }
  return { names: indices.map((i) => session.names[i]), lower, upper };
}
