/**
 * Number formatting shared by every table: the compact significant-digit style MixedModels.jl
 * prints estimates in, fixed decimals, p-values and correlations.
 */

/**
 * `x` with `digits` significant digits and no trailing zeros: 1527.5, 17.6946, 0.000123457,
 * 1.23457e+07. NaN and infinities print as `NaN`, `Inf`, `-Inf`.
 */
export function formatSignificant(x: number, digits = 6): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  if (x === 0) return "0";
  const text = x.toPrecision(digits);
  const exponentAt = text.indexOf("e");
  if (exponentAt < 0) return stripZeros(text);
  return `${stripZeros(text.slice(0, exponentAt))}${text.slice(exponentAt)}`;
}

/**
 * Number of decimals needed to show `x` with `digits` significant digits in fixed notation, without
 * trailing zeros (0 for integers and non-finite values; 1e-7 needs 7).
 */
export function significantDecimals(x: number, digits = 6): number {
  const text = formatSignificant(x, digits);
  const exponentAt = text.indexOf("e");
  if (exponentAt >= 0) {
    const exponent = Number(text.slice(exponentAt + 1));
    const mantissa = text.slice(0, exponentAt);
    const mantissaDecimals = mantissa.includes(".")
      ? mantissa.length - mantissa.indexOf(".") - 1
      : 0;
    return Math.max(0, mantissaDecimals - exponent);
  }
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** `x` with exactly `decimals` decimals (`-163.6635`); NaN and infinities as in formatSignificant. */
export function formatFixed(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const text = x.toFixed(decimals);
  // toFixed keeps the sign of a value that rounds to zero ("-0.0000"); a table should not.
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/**
 * A p-value as MixedModels.jl (StatsBase) prints it: 4 decimals from 1e-4 up (`0.0500`), below
 * that `<1e-NN` with 1e-NN the smallest power of ten above it, at most `<1e-99`. NaN prints as `NaN`.
 */
export function formatPValue(p: number): string {
  if (Number.isNaN(p)) return "NaN";
  if (p >= 1e-4) return p.toFixed(4);
  let exponent = p > 0 ? Math.ceil(Math.log10(p)) : -99;
  // `<1e-05` must be a true statement, so an exact power of ten moves up one.
  if (p > 0 && 10 ** exponent <= p) exponent += 1;
  exponent = Math.max(exponent, -99);
  return `<1e-${String(-exponent).padStart(2, "0")}`;
}

/**
 * A correlation with an explicit sign and 2 decimals (`+0.08`, `-0.89`); a structural zero (-0,
 * from a zerocorr term) prints as `.`.
 */
export function formatCorrelation(rho: number): string {
  if (Object.is(rho, -0)) return ".";
  if (Number.isNaN(rho)) return "NaN";
  const text = Math.abs(rho).toFixed(2);
  return `${rho < 0 && text !== "0.00" ? "-" : "+"}${text}`;
}

function stripZeros(mantissa: string): string {
  if (!mantissa.includes(".")) return mantissa;
  return mantissa.replace(/0+$/, "").replace(/\.$/, "");
}

function nonFinite(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  return x > 0 ? "Inf" : "-Inf";
}
