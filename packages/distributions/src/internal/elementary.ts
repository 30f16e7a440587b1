/**
 * exp, log, log1p and sin from `@mixedmodels/math`, which gives the same bits on every JavaScript
 * engine (the engine's Math.exp/log may differ by an ulp), so a p-value, a probit link's mean or
 * a log-likelihood's saturated term is the same number in Node and in every browser.
 */
export { exp, log, log1p, sin } from "@mixedmodels/math";
