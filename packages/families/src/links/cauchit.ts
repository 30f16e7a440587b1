import { contains, REAL_LINE, UNIT } from "../interval";
import type { Link } from "../link";
import { atan, tan } from "../internal/elementary";

const EPSILON = Number.EPSILON;
/** −qcauchy(ε) = 1/tan(πε): R clamps η to ±this so that μ stays within [ε, 1−ε]. */
const THRESHOLD = 1 / tan(Math.PI * EPSILON);

/** The standard Cauchy distribution function, each tail computed directly for |x| > 1. */
function cauchyCdf(x: number): number {
  if (Math.abs(x) > 1) {
    const tail = atan(1 / x) / Math.PI;
    return x > 0 ? 1 - tail : -tail;
  }
  return 0.5 + atan(x) / Math.PI;
}

/** cauchit: η = tan(π(μ − ½)), the standard Cauchy quantile. */
export const cauchitLink: Link = {
  name: "cauchit",
  link(mu) {
    // tan(π(μ−½)) = −1/tan(πμ); using the nearer end keeps the digits of a small μ or 1−μ.
    return mu < 0.5 ? -1 / tan(Math.PI * mu) : 1 / tan(Math.PI * (1 - mu));
  },
  inverse: (eta) => cauchyCdf(Math.min(Math.max(eta, -THRESHOLD), THRESHOLD)),
  derivative: (eta) => Math.max(1 / (Math.PI * (1 + eta * eta)), EPSILON),
  secondDerivative(eta) {
    const onePlus = 1 + eta * eta;
    return 1 / (Math.PI * onePlus) > EPSILON ? (-2 * eta) / (Math.PI * onePlus * onePlus) : 0;
  },
  etaDomain: REAL_LINE,
  muRange: UNIT,
  validEta: (eta) => contains(REAL_LINE, eta),
};
