import { contains, REAL_LINE, UNIT } from "../interval";
import type { Link } from "../link";
import { exp, expm1, log, log1p } from "../internal/elementary";

const EPSILON = Number.EPSILON;
/** R caps η at 700 in dμ/dη so that exp(η) stays finite. */
const DERIVATIVE_CAP = 700;

/** complementary log-log: η = log(−log(1−μ)). */
export const cloglogLink: Link = {
  name: "cloglog",
  link: (mu) => log(-log1p(-mu)),
  inverse: (eta) => Math.max(Math.min(-expm1(-exp(eta)), 1 - EPSILON), EPSILON),
  derivative(eta) {
    const capped = Math.min(eta, DERIVATIVE_CAP);
    const e = exp(capped);
    return Math.max(e * exp(-e), EPSILON);
  },
  secondDerivative(eta) {
    if (eta > DERIVATIVE_CAP) return 0;
    // d/dη of exp(η − exp(η)): dμ/dη·(1 − exp(η)); 0 where dμ/dη is clamped at ε.
    const e = exp(eta);
    const first = e * exp(-e);
    return first > EPSILON ? first * (1 - e) : 0;
  },
  etaDomain: REAL_LINE,
  muRange: UNIT,
  validEta: (eta) => contains(REAL_LINE, eta),
};
