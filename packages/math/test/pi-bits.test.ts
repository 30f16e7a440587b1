import { describe, expect, it } from "vitest";
import { PI_BITS, arctanReciprocal, pi, piOverTwoScaled, twoOverPiScaled } from "../src/pi-bits";
import { codyWaitePieces } from "../src/reduce-pi-over-2";

// The reduction's constants against the bits of π computed by Machin's formula, and those bits
// against independent published digits.
describe("the bits of π behind the argument reduction", () => {
  const { value: piOverTwo, bits } = piOverTwoScaled();

  it("agree with published hexadecimal digits of π/2 and with Math.PI", () => {
    // π = 3.243F6A8885A308D313198A2E03707344A4093822299F31D008…₁₆ (Bailey et al.), so π/2 in hex:
    const published = BigInt("0x1921FB54442D18469898CC51701B839A252049C1114CF98E804");
    const shown = (published.toString(16).length - 1) * 4;
    expect(piOverTwo).toBe(published >> BigInt(shown - bits));
    expect(Number(piOverTwo >> BigInt(bits - 52)) / 2 ** 51).toBe(Math.PI);
  });

  it("agree to all 1400 bits with a second, independent Machin-like formula (Størmer's)", () => {
    // π/4 = 44·atan(1/57) + 7·atan(1/239) − 12·atan(1/682) + 24·atan(1/12943)
    const guard = 40;
    const b = PI_BITS + guard;
    const stormer =
      4n *
      (44n * arctanReciprocal(57n, b) +
        7n * arctanReciprocal(239n, b) -
        12n * arctanReciprocal(682n, b) +
        24n * arctanReciprocal(12943n, b));
    const difference = (stormer >> BigInt(guard)) - pi();
    expect(difference >= -1n && difference <= 1n).toBe(true);
  });

  it("make 2/π the reciprocal of π to 1300 bits", () => {
    const { value: twoOverPi, bits: inverseBits } = twoOverPiScaled();
    const product = twoOverPi * pi(); // ≈ 2·2^(inverseBits + PI_BITS)
    const two = 1n << BigInt(inverseBits + PI_BITS + 1);
    const error = product > two ? product - two : two - product;
    expect(error <= 4n * pi()).toBe(true); // within a unit or so of 2^-1300
  });

  it("give Cody and Waite's pieces: 33-bit heads of π/2 and its remainders, and exact tails", () => {
    const toScaled = (x: number): bigint => {
      // x·2^bits exactly, for x = m·2^e with |e| small enough: through its decimal-free form.
      let exponent = 0;
      let m = x;
      while (!Number.isInteger(m)) {
        m *= 2;
        exponent += 1;
      }
      return (BigInt(m) << BigInt(bits)) >> BigInt(exponent);
    };
    const { PIO2_1, PIO2_1T, PIO2_2, PIO2_2T, PIO2_3, PIO2_3T } = codyWaitePieces;
    const heads = [PIO2_1, PIO2_2, PIO2_3];
    let remainder = piOverTwo;
    for (const head of heads) {
      const scaled = toScaled(head);
      expect(remainder - scaled >= 0n).toBe(true);
      // Each piece takes 33 significant bits of what is left.
      const significant = scaled.toString(2).replace(/0+$/, "").length;
      expect(significant).toBeLessThanOrEqual(33);
      remainder -= scaled;
    }
    // Each tail is the remainder after its piece, to the double's precision.
    const tails = [PIO2_1T, PIO2_2T, PIO2_3T];
    let rest = piOverTwo;
    tails.forEach((tail, i) => {
      rest -= toScaled(heads[i]);
      const restAsNumber = Number(rest) / 2 ** bits;
      expect(Math.abs(tail / restAsNumber - 1), `tail ${i + 1}`).toBeLessThan(2.3e-16);
    });
  });
});
