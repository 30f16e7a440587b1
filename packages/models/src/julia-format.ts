/** A number as Julia prints a Float64: shortest round-trip digits, `1.0` not `1`, `1.0e-5`. */
export function formatJuliaFloat(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Inf" : "-Inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const magnitude = Math.abs(x);
  if (magnitude < 1e-4 || magnitude >= 1e16) {
    const [mantissa, exponent] = x.toExponential().split("e");
    const withPoint = mantissa.includes(".") ? mantissa : `${mantissa}.0`;
    return `${withPoint}e${exponent.replace("+", "")}`;
  }
  const text = String(x);
  return text.includes(".") ? text : `${text}.0`;
}

/** MixedModels.jl's verbose line for one evaluation: `f_1: 327.76702, [1.0]`. */
export function formatEvaluationLine(
  evaluation: number,
  theta: ArrayLike<number>,
  value: number,
): string {
  const rounded = Math.round(value * 1e5) / 1e5;
  const parts = Array.from(theta, formatJuliaFloat);
  return `f_${evaluation}: ${formatJuliaFloat(rounded)}, [${parts.join(", ")}]`;
}
