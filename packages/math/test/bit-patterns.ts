// Doubles as exact text: 16 hex digits of the IEEE bit pattern (the fixture's form) and C99's
// hexadecimal float notation (%a, the form R reads and prints without rounding).
const doubleView = new Float64Array(1);
const byteView = new DataView(doubleView.buffer);

export function toBits(x: number): string {
  byteView.setFloat64(0, x);
  return byteView.getBigUint64(0).toString(16).padStart(16, "0");
}

export function fromBits(bits: string): number {
  byteView.setBigUint64(0, BigInt(`0x${bits}`));
  return byteView.getFloat64(0);
}

/** x in %a notation; subnormals as 0x0.…p-1022, which R parses exactly (R drops 0x1p-1074). */
export function toHexFloat(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Inf" : "-Inf";
  const bits = BigInt(`0x${toBits(x)}`);
  const sign = bits >> 63n ? "-" : "";
  const exponentField = Number((bits >> 52n) & 0x7ffn);
  const fraction = (bits & ((1n << 52n) - 1n)).toString(16).padStart(13, "0");
  if (exponentField === 0) return `${sign}0x0.${fraction}p-1022`;
  return `${sign}0x1.${fraction}p${exponentField - 1023 >= 0 ? "+" : ""}${exponentField - 1023}`;
}

/** Parses %a notation as glibc prints it (and "NaN", "Inf", "-Inf"). */
export function fromHexFloat(text: string): number {
  if (text === "NaN" || text === "NA") return Number.NaN;
  if (text === "Inf") return Number.POSITIVE_INFINITY;
  if (text === "-Inf") return Number.NEGATIVE_INFINITY;
  const match = /^(-?)0x([01])(?:\.([0-9a-f]*))?p([+-]?\d+)$/.exec(text);
  if (match === null) throw new Error(`not a hexadecimal float: ${text}`);
  const [, sign, lead, digits = "", exponentText] = match;
  const mantissa = Number(BigInt(`0x${lead}${digits}`)); // at most 53 bits: exact
  let exponent = Number(exponentText) - 4 * digits.length;
  let value = mantissa;
  // Scale in steps that stay exact until the last one, which is exact too for a valid double.
  while (exponent < -1000) {
    value *= 2 ** -1000;
    exponent += 1000;
  }
  value *= 2 ** exponent;
  return sign === "-" ? -value : value;
}
