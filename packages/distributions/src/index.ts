export { chiSquareCdf, chiSquareSurvival } from "./chi-square";
export { lgamma } from "./log-gamma";
export { normalCdf, normalDensity, normalSurvival, normalTwoSidedPValue } from "./normal";
export { normalQuantile } from "./normal-quantile";
export type { BetaTails } from "./regularized-beta";
export { regularizedBeta, regularizedBetaTails } from "./regularized-beta";
export type { GammaTails } from "./regularized-gamma";
export { regularizedGammaP, regularizedGammaQ, regularizedGammaTails } from "./regularized-gamma";
export { tCdf, tSurvival } from "./student-t";
