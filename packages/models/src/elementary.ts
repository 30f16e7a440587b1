// The one place the model layer takes its elementary functions from: @mixedmodels/math's exp
// and log give the same bits on every JavaScript engine (Math.exp and Math.log need not), so an
// objective evaluated here is bit-identical everywhere.
export { exp, log, log1p, logOfProduct } from "@mixedmodels/math";
