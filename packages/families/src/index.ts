export type { Family, FamilyName } from "./family";
export { bernoulliFamily } from "./families/bernoulli";
export { binomialFamily } from "./families/binomial";
export { gammaFamily } from "./families/gamma";
export { gaussianFamily } from "./families/gaussian";
export { inverseGaussianFamily } from "./families/inverse-gaussian";
export { poissonFamily } from "./families/poisson";
export type { Interval } from "./interval";
export { contains, formatInterval, isSubinterval } from "./interval";
export type { Link, LinkName } from "./link";
export { cauchitLink } from "./links/cauchit";
export { cloglogLink } from "./links/cloglog";
export { identityLink } from "./links/identity";
export { inverseLink } from "./links/inverse";
export { inverseSquareLink } from "./links/inverse-square";
export { logLink } from "./links/log";
export { logitLink } from "./links/logit";
export { probitLink } from "./links/probit";
export { sqrtLink } from "./links/sqrt";
export type { LinkRangeWarning, ResolvedFamily } from "./registry";
export { families, family, linkByRName, links } from "./registry";
export type { ResponseContext, ResponseWarning } from "./response-check";
export {
  devianceResidual,
  glmDeviance,
  logLikelihood,
  pearsonResidual,
  rFamilyAic,
} from "./residuals";
export type { SaturatedKind } from "./saturated-terms";
export { saturatedTerms } from "./saturated-terms";
export { expFast, log1pUnit } from "./internal/fast-elementary";
export { startingValues } from "./starting-values";
export type { GlmWorkspace } from "./working-response";
export {
  createGlmWorkspace,
  OBSERVED_WEIGHT_FLOOR,
  observedWorkingWeights,
  updateFromEta,
} from "./working-response";
