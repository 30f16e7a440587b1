import { contains, REAL_LINE } from "../interval";
import type { Link } from "../link";

/** identity: η = μ, the canonical link of the Gaussian family. */
export const identityLink: Link = {
  name: "identity",
  link: (mu) => mu,
  inverse: (eta) => eta,
  derivative: () => 1,
  secondDerivative: () => 0,
  etaDomain: REAL_LINE,
  muRange: REAL_LINE,
  validEta: (eta) => contains(REAL_LINE, eta),
};
