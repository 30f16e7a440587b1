import { contains, REAL_LINE } from "../interval";
import type { Link } from "../link";

/** inverse: η = 1/μ, the canonical link of the Gamma family; η = 0 is excluded. */
export const inverseLink: Link = {
  name: "inverse",
  link: (mu) => 1 / mu,
  inverse: (eta) => 1 / eta,
  derivative: (eta) => -1 / (eta * eta),
  secondDerivative: (eta) => 2 / (eta * eta * eta),
  etaDomain: REAL_LINE,
  muRange: REAL_LINE,
  validEta: (eta) => contains(REAL_LINE, eta) && eta !== 0,
};
