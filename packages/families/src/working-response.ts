import { DimensionMismatchError } from "@mixedmodels/core";
import { canonicalUpdate } from "./canonical-kernels";
import { expFast } from "./internal/fast-elementary";
import type { Family } from "./family";
import type { Link } from "./link";

/**
 * Per-observation quantities of one iteratively reweighted least-squares step, kept in arrays
 * allocated once per model so that PIRLS allocates nothing per iteration.
 */
export interface GlmWorkspace {
  readonly n: number;
  /** μ = g⁻¹(η). */
  readonly mu: Float64Array;
  /** dμ/dη. */
  readonly muEta: Float64Array;
  /** w·(dμ/dη)²/V(μ), the weights of the working linear model. */
  readonly workingWeights: Float64Array;
  /** (y − μ)/(dμ/dη), so that the working response is η + working residual (minus any offset). */
  readonly workingResiduals: Float64Array;
  /** w·d(y, μ) ≥ 0: each observation's deviance contribution (the squared deviance residual). */
  readonly deviances: Float64Array;
}

export function createGlmWorkspace(n: number): GlmWorkspace {
  return {
    n,
    mu: new Float64Array(n),
    muEta: new Float64Array(n),
    workingWeights: new Float64Array(n),
    workingResiduals: new Float64Array(n),
    deviances: new Float64Array(n),
  };
}

/**
 * Fills the workspace from the linear predictor η (offset included) and returns the deviance
 * Σ w·d(y, μ). `priorWeights` null means all 1 (binomial: the number of trials).
 * Allocates nothing; the caller checks `Number.isFinite` of the result.
 */
export function updateFromEta(
  family: Family,
  link: Link,
  y: Float64Array,
  priorWeights: Float64Array | null,
  eta: Float64Array,
  workspace: GlmWorkspace,
): number {
  const n = workspace.n;
  if (y.length !== n || eta.length !== n || (priorWeights !== null && priorWeights.length !== n)) {
    throw new DimensionMismatchError(
      `updateFromEta: workspace of ${n}, y of ${y.length}, η of ${eta.length}, weights of ${priorWeights?.length ?? n}`,
    );
  }
  const fused = canonicalUpdate(family, link, y, priorWeights, eta, workspace);
  if (fused !== null) return fused;
  const { mu, muEta, workingWeights, workingResiduals, deviances } = workspace;
  let deviance = 0;
  for (let i = 0; i < n; i++) {
    const w = priorWeights === null ? 1 : priorWeights[i];
    const m = link.inverse(eta[i]);
    const d = link.derivative(eta[i]);
    mu[i] = m;
    muEta[i] = d;
    workingResiduals[i] = (y[i] - m) / d;
    workingWeights[i] = (w * d * d) / family.variance(m);
    const dev = w === 0 ? 0 : w * family.unitDeviance(y[i], m);
    deviances[i] = dev;
    deviance += dev;
  }
  return deviance;
}

/**
 * The least fraction of the expected weight an observed weight keeps: far from the mode
 * (y − μ large) the observed information of a non-canonical link can be small or negative, and
 * the Newton step would then not be a descent step of the working model.
 */
export const OBSERVED_WEIGHT_FLOOR = 0.1;

/**
 * Newton's working weights and residuals for a non-canonical link, from a workspace filled by
 * `updateFromEta`: the observed information of ½·deviance in η,
 * w·(μ'²/V − (y − μ)(μ''V − μ'²V')/V²), floored at `OBSERVED_WEIGHT_FLOOR` of the expected weight
 * w·μ'²/V, and the residual that keeps weight·residual (the score w·(y − μ)μ'/V) unchanged. The
 * working model under these is the Newton step of PIRLS (quadratic convergence), where the
 * expected weights give Fisher scoring (linear convergence); both have the same fixed point.
 * For a canonical link the two coincide (μ'' V = μ'² V').
 */
export function observedWorkingWeights(
  family: Family,
  link: Link,
  y: Float64Array,
  priorWeights: Float64Array | null,
  eta: Float64Array,
  workspace: GlmWorkspace,
  weights: Float64Array,
  residuals: Float64Array,
): void {
  const { n, mu, muEta, workingWeights, workingResiduals } = workspace;
  for (let i = 0; i < n; i++) {
    const expected = workingWeights[i];
    const m = mu[i];
    const d = muEta[i];
    const v = family.variance(m);
    const w = priorWeights === null ? 1 : priorWeights[i];
    const second =
      link.name === "cloglog" ? cloglogSecondDerivative(eta[i], d) : link.secondDerivative(eta[i]);
    const curvature = (second * v - d * d * family.varianceDerivative(m)) / (v * v);
    const observed = expected - w * (y[i] - m) * curvature;
    const floor = OBSERVED_WEIGHT_FLOOR * expected;
    const used = Math.max(observed, floor);
    weights[i] = used;
    residuals[i] =
      expected === used ? workingResiduals[i] : (expected * workingResiduals[i]) / used;
  }
}

/**
 * `cloglogLink.secondDerivative` from the dμ/dη the workspace holds (one exp instead of two, the
 * same bits): dμ/dη·(1 − exp(η)), 0 where dμ/dη is clamped at ε or η is past the cap of 700.
 */
function cloglogSecondDerivative(eta: number, muEta: number): number {
  if (eta > 700 || !(muEta > Number.EPSILON)) return 0;
  return muEta * (1 - expFast(eta));
}
