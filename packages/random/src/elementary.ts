/**
 * The elementary functions every sampler uses, from one place: switching them to the
 * deterministic `@mixedmodels/math` (bit-identical on every engine) is a change of this file only.
 * Until that package lands these are the engine's own, which V8, SpiderMonkey and JavaScriptCore
 * may round differently in the last bit; the uniforms (integer arithmetic only) are exact already.
 */
export const exp: (x: number) => number = Math.exp;
export const log: (x: number) => number = Math.log;
export const log1p: (x: number) => number = Math.log1p;
