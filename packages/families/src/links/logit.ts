import { contains, REAL_LINE, UNIT } from "../interval";
import type { Link } from "../link";
import { exp, log } from "../internal/elementary";

const EPSILON = Number.EPSILON;
/** Beyond |η| = 30, R's C code (`logit_linkinv`, `logit_mu_eta`) stops following exp(η). */
const THRESHOLD = 30;

/** logit: η = log(μ/(1−μ)), the canonical link of the binomial and Bernoulli families. */
export const logitLink: Link = {
  name: "logit",
  link: (mu) => log(mu / (1 - mu)),
  inverse(eta) {
    const t = eta < -THRESHOLD ? EPSILON : eta > THRESHOLD ? 1 / EPSILON : exp(eta);
    return t / (1 + t);
  },
  derivative(eta) {
    if (eta > THRESHOLD || eta < -THRESHOLD) return EPSILON;
    // exp(−|η|)/(1+exp(−|η|))² is the same number and never overflows.
    const t = exp(-Math.abs(eta));
    const onePlus = 1 + t;
    return t / (onePlus * onePlus);
  },
  secondDerivative(eta) {
    if (eta > THRESHOLD || eta < -THRESHOLD) return 0;
    // dμ/dη·(1 − 2μ), with 1 − 2μ = −sign(η)(1 − t)/(1 + t) for t = exp(−|η|).
    const t = exp(-Math.abs(eta));
    const onePlus = 1 + t;
    const oneMinusTwoMu = ((eta > 0 ? -1 : 1) * (1 - t)) / onePlus;
    return (t / (onePlus * onePlus)) * oneMinusTwoMu;
  },
  etaDomain: REAL_LINE,
  muRange: UNIT,
  validEta: (eta) => contains(REAL_LINE, eta),
};
