import { ModelError } from "@mixedmodels/core";
import type { Family, FamilyName } from "./family";
import { bernoulliFamily } from "./families/bernoulli";
import { binomialFamily } from "./families/binomial";
import { gammaFamily } from "./families/gamma";
import { gaussianFamily } from "./families/gaussian";
import { inverseGaussianFamily } from "./families/inverse-gaussian";
import { poissonFamily } from "./families/poisson";
import { formatInterval, isSubinterval } from "./interval";
import type { Link, LinkName } from "./link";
import { cauchitLink } from "./links/cauchit";
import { cloglogLink } from "./links/cloglog";
import { identityLink } from "./links/identity";
import { inverseLink } from "./links/inverse";
import { inverseSquareLink } from "./links/inverse-square";
import { logLink } from "./links/log";
import { logitLink } from "./links/logit";
import { probitLink } from "./links/probit";
import { sqrtLink } from "./links/sqrt";

export const families: readonly Family[] = [
  bernoulliFamily,
  binomialFamily,
  poissonFamily,
  gammaFamily,
  inverseGaussianFamily,
  gaussianFamily,
];

export const links: readonly Link[] = [
  logitLink,
  probitLink,
  cloglogLink,
  cauchitLink,
  logLink,
  identityLink,
  sqrtLink,
  inverseLink,
  inverseSquareLink,
];

/** Names are matched case-insensitively, with R's and Julia's spellings as aliases. */
const familyByName = new Map<string, Family>(families.map((f) => [f.name, f]));
for (const [alias, name] of [
  ["inverse.gaussian", "inversegaussian"],
  ["inverse_gaussian", "inversegaussian"],
  ["normal", "gaussian"],
] as const) {
  familyByName.set(alias, familyByName.get(name) as Family);
}

const linkByName = new Map<string, Link>(links.map((l) => [l.name, l]));
for (const [alias, name] of [
  ["inversesquare", "1/mu^2"],
  ["inverse_square", "1/mu^2"],
] as const) {
  linkByName.set(alias, linkByName.get(name) as Link);
}

/** A warning the resolver attaches to a family/link pair. */
export interface LinkRangeWarning {
  readonly code: "link-range";
  readonly message: string;
}

/** A family with the link it is used with. */
export interface ResolvedFamily {
  readonly family: Family;
  readonly link: Link;
  /** Whether the link is the family's canonical link (then the working weight is w·dμ/dη). */
  readonly canonical: boolean;
  /**
   * "link-range" when the link's inverse can leave the family's mean range (a Poisson with the
   * identity link, a binomial with the log link): the fit stands only if every μ stays inside,
   * which the caller must check per iteration (`family.muRange`). The canonical link is never
   * flagged, as in R, where it is the default.
   */
  readonly warnings: readonly LinkRangeWarning[];
}

function lookup<T>(table: Map<string, T>, name: string): T | undefined {
  return table.get(name.trim().toLowerCase());
}

/** The link named `name` (R's names: logit, probit, cloglog, cauchit, log, identity, sqrt, inverse, 1/mu^2). */
export function linkByRName(name: string): Link {
  const link = lookup(linkByName, name);
  if (link === undefined) {
    throw new ModelError(
      `unknown link '${name}'; expected one of ${links.map((l) => l.name).join(", ")}`,
    );
  }
  return link;
}

/**
 * Resolves a family name and an optional link name (the canonical link when absent).
 *
 * @throws ModelError for an unknown family or link, naming the valid ones.
 */
export function family(name: string, linkName?: string): ResolvedFamily {
  const found = lookup(familyByName, name);
  if (found === undefined) {
    throw new ModelError(
      `unknown family '${name}'; expected one of ${families.map((f) => f.name).join(", ")}`,
    );
  }
  const link = linkByRName(linkName ?? found.canonicalLink);
  const canonical = link.name === found.canonicalLink;
  const warnings: LinkRangeWarning[] = [];
  if (!canonical && !isSubinterval(link.muRange, found.muRange)) {
    warnings.push({
      code: "link-range",
      message: `the ${link.name} link's inverse can leave the ${found.name} family's mean range ${formatInterval(found.muRange)}; the fit fails if a fitted mean leaves it`,
    });
  }
  return { family: found, link, canonical, warnings };
}

export type { FamilyName, LinkName };
