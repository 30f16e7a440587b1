// The one place the model layer takes its elementary functions from. `Math.log` and `Math.exp`
// differ between JavaScript engines in the last bits; @mixedmodels/math's versions do not, so an
// objective evaluated here is bit-identical everywhere once they are switched in below.
export const log: (x: number) => number = Math.log;
export const exp: (x: number) => number = Math.exp;
