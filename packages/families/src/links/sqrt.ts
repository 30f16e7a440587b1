import { contains, POSITIVE } from "../interval";
import type { Link } from "../link";

/** square root: η = √μ; R's `valideta` requires η > 0. */
export const sqrtLink: Link = {
  name: "sqrt",
  link: (mu) => Math.sqrt(mu),
  inverse: (eta) => eta * eta,
  derivative: (eta) => 2 * eta,
  secondDerivative: () => 2,
  etaDomain: POSITIVE,
  muRange: POSITIVE,
  validEta: (eta) => contains(POSITIVE, eta),
};
