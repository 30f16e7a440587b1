/**
 * The elementary functions every sampler uses, from one place: `@mixedmodels/math`'s, computed
 * from exact IEEE operations only, so a draw has the same bits on every engine (the engines'
 * own `Math.exp`/`Math.log` may differ in the last bit).
 */
export { exp, log, log1p } from "@mixedmodels/math";
