import { normalCdf, normalDensity, normalQuantile } from "@mixedmodels/distributions";
import { contains, REAL_LINE, UNIT } from "../interval";
import type { Link } from "../link";

const EPSILON = Number.EPSILON;
/** −Φ⁻¹(ε): R clamps η to ±this so that μ stays within [ε, 1−ε]. */
const THRESHOLD = 8.125890664701906;

/** probit: η = Φ⁻¹(μ), the standard normal quantile. */
export const probitLink: Link = {
  name: "probit",
  link: (mu) => normalQuantile(mu),
  inverse: (eta) => normalCdf(Math.min(Math.max(eta, -THRESHOLD), THRESHOLD)),
  derivative: (eta) => Math.max(normalDensity(eta), EPSILON),
  secondDerivative(eta) {
    const density = normalDensity(eta);
    return density > EPSILON ? -eta * density : 0;
  },
  etaDomain: REAL_LINE,
  muRange: UNIT,
  validEta: (eta) => contains(REAL_LINE, eta),
};
