import { contains, POSITIVE, REAL_LINE } from "../interval";
import type { Link } from "../link";
import { exp, log } from "../internal/elementary";

const EPSILON = Number.EPSILON;

/** log: η = log μ, the canonical link of the Poisson family. μ is kept ≥ ε as R does. */
export const logLink: Link = {
  name: "log",
  link: (mu) => log(mu),
  inverse: (eta) => Math.max(exp(eta), EPSILON),
  derivative: (eta) => Math.max(exp(eta), EPSILON),
  secondDerivative(eta) {
    const e = exp(eta);
    return e > EPSILON ? e : 0;
  },
  etaDomain: REAL_LINE,
  muRange: POSITIVE,
  validEta: (eta) => contains(REAL_LINE, eta),
};
