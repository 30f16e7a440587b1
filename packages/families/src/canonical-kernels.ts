import type { Family } from "./family";
import { expm1 } from "./internal/elementary";
import { expFast, log1pUnit } from "./internal/fast-elementary";
import type { Link } from "./link";
import { saturatedTerms } from "./saturated-terms";
import type { GlmWorkspace } from "./working-response";

/**
 * `updateFromEta`'s loop for the two pairs that carry most GLMM fits, with the elementary
 * functions shared between μ, dμ/dη and the deviance (a PIRLS step spends most of its time in
 * them): per observation one exp and one log1p for the logit link with a binomial or Bernoulli
 * response (instead of two exps and two logs for a proportion), one exp for Poisson with the log
 * link (instead of two exps and a log); the deviance is written in η, with its η-free terms
 * computed once per response (`saturatedTerms`). The results are those of the generic loop up to rounding:
 * the same clamps as R's C code, and for canonical links the working weight w·dμ/dη (which
 * equals w·(dμ/dη)²/V(μ) exactly in real arithmetic). Returns the deviance, or null (nothing
 * written) for any other pair.
 */
export function canonicalUpdate(
  family: Family,
  link: Link,
  y: Float64Array,
  priorWeights: Float64Array | null,
  eta: Float64Array,
  workspace: GlmWorkspace,
): number | null {
  if (link.name === "logit" && (family.name === "binomial" || family.name === "bernoulli")) {
    return logitBinomial(family, link, y, priorWeights, eta, workspace);
  }
  if (link.name === "log" && family.name === "poisson") {
    return logPoisson(family, y, priorWeights, eta, workspace);
  }
  if (link.name === "cloglog" && (family.name === "binomial" || family.name === "bernoulli")) {
    return cloglogBinomial(family, link, y, priorWeights, eta, workspace);
  }
  return null;
}

/** R caps η at 700 in cloglog's dμ/dη (`cloglogLink.derivative`). */
const CLOGLOG_DERIVATIVE_CAP = 700;

/**
 * The generic loop for cloglog with a binomial or Bernoulli response, with exp(η) shared between
 * μ = 1 − exp(−exp(η)) and dμ/dη = exp(η)·exp(−exp(η)) (three elementary functions per
 * observation instead of four): the same expressions as `cloglogLink`, so the same bits.
 */
function cloglogBinomial(
  family: Family,
  link: Link,
  y: Float64Array,
  priorWeights: Float64Array | null,
  eta: Float64Array,
  ws: GlmWorkspace,
): number {
  const { mu, muEta, workingWeights, workingResiduals, deviances } = ws;
  let deviance = 0;
  for (let i = 0; i < eta.length; i++) {
    const w = priorWeights === null ? 1 : priorWeights[i];
    const e = eta[i];
    let m: number;
    let d: number;
    if (e > CLOGLOG_DERIVATIVE_CAP || Number.isNaN(e)) {
      m = link.inverse(e);
      d = link.derivative(e);
    } else {
      const t = expFast(e);
      m = Math.max(Math.min(-expm1(-t), 1 - Number.EPSILON), Number.EPSILON);
      d = Math.max(t * expFast(-t), Number.EPSILON);
    }
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

/** Beyond |η| = 30 R's logit clamps μ and dμ/dη: the generic link functions handle those rows. */
const LOGIT_THRESHOLD = 30;

function logitBinomial(
  family: Family,
  link: Link,
  y: Float64Array,
  priorWeights: Float64Array | null,
  eta: Float64Array,
  ws: GlmWorkspace,
): number {
  const { mu, muEta, workingWeights, workingResiduals, deviances } = ws;
  const saturated = saturatedTerms("logit-binomial", y);
  let deviance = 0;
  for (let i = 0; i < eta.length; i++) {
    const w = priorWeights === null ? 1 : priorWeights[i];
    const e = eta[i];
    const a = Math.abs(e);
    const yi = y[i];
    let m: number;
    let d: number;
    let dev: number;
    if (a > LOGIT_THRESHOLD || !(a >= 0)) {
      m = link.inverse(e);
      d = link.derivative(e);
      dev = w === 0 ? 0 : w * family.unitDeviance(yi, m);
      workingWeights[i] = (w * d * d) / family.variance(m);
    } else {
      // t = exp(−|η|): μ = 1/(1+t) or t/(1+t), dμ/dη = t/(1+t)², and −log μ, −log(1−μ) are
      // log1p(t) plus |η| on the side where μ is the small one.
      const t = expFast(-a);
      const onePlus = 1 + t;
      m = e >= 0 ? 1 / onePlus : t / onePlus;
      d = t / (onePlus * onePlus);
      workingWeights[i] = w * d;
      // A proportion's deviance in η too (`saturatedTerms`): one log1p instead of two logs,
      // from one call site, which V8 inlines (a call returns its double boxed, on the heap).
      if (w === 0) dev = 0;
      else {
        const softplus = log1pUnit(t);
        if (yi === 1) dev = 2 * w * (e >= 0 ? softplus : a + softplus);
        else if (yi === 0) dev = 2 * w * (e >= 0 ? a + softplus : softplus);
        else dev = 2 * w * (saturated[i] + softplus + (e < 0 ? -yi * e : (1 - yi) * e));
      }
    }
    mu[i] = m;
    muEta[i] = d;
    workingResiduals[i] = (yi - m) / d;
    deviances[i] = dev;
    deviance += dev;
  }
  return deviance;
}

function logPoisson(
  family: Family,
  y: Float64Array,
  priorWeights: Float64Array | null,
  eta: Float64Array,
  ws: GlmWorkspace,
): number {
  const { mu, muEta, workingWeights, workingResiduals, deviances } = ws;
  const saturated = saturatedTerms("log-poisson", y);
  let deviance = 0;
  for (let i = 0; i < eta.length; i++) {
    const w = priorWeights === null ? 1 : priorWeights[i];
    // R's log link keeps μ and dμ/dη at or above ε; both are exp(η).
    const e = eta[i];
    const expEta = expFast(e);
    const m = Math.max(expEta, Number.EPSILON);
    mu[i] = m;
    muEta[i] = m;
    workingWeights[i] = w * m;
    const yi = y[i];
    workingResiduals[i] = (yi - m) / m;
    // The deviance in η (`saturatedTerms`), without a log, where μ is e^η unclamped.
    let dev: number;
    if (w === 0) dev = 0;
    else if (!(expEta >= Number.EPSILON)) dev = w * family.unitDeviance(yi, m);
    else if (yi === 0) dev = 2 * w * m;
    else dev = 2 * w * (saturated[i] - yi * e + m);
    deviances[i] = dev;
    deviance += dev;
  }
  return deviance;
}
