import { contains, POSITIVE } from "../interval";
import type { Link } from "../link";

/** 1/μ²: η = μ⁻², the canonical link of the inverse Gaussian family; η > 0. */
export const inverseSquareLink: Link = {
  name: "1/mu^2",
  link: (mu) => 1 / (mu * mu),
  inverse: (eta) => 1 / Math.sqrt(eta),
  // −1/(2η^{3/2}), written with sqrt so it needs no pow.
  derivative: (eta) => -0.5 / (eta * Math.sqrt(eta)),
  secondDerivative: (eta) => 0.75 / (eta * eta * Math.sqrt(eta)),
  etaDomain: POSITIVE,
  muRange: POSITIVE,
  validEta: (eta) => contains(POSITIVE, eta),
};
