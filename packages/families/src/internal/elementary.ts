/**
 * The elementary functions every family and link calls. They are routed through this one module
 * so that switching from the engine's `Math` (whose exp/log/pow may differ by an ulp between
 * JavaScript engines) to the deterministic `@mixedmodels/math` is a one-line change here.
 * `Math.sqrt`, `abs`, `min`, `max` and `floor` are exact and are used directly elsewhere.
 */
export const exp: (x: number) => number = Math.exp;
export const expm1: (x: number) => number = Math.expm1;
export const log: (x: number) => number = Math.log;
export const log1p: (x: number) => number = Math.log1p;
export const pow: (x: number, y: number) => number = Math.pow;
export const atan: (x: number) => number = Math.atan;
export const tan: (x: number) => number = Math.tan;
