import fc from "fast-check";

/**
 * Symmetric positive-definite n×n matrices, column-major in a Float64Array of length n·n, built
 * as BᵀB + n·I with B's entries in [−1, 1]; so every eigenvalue lies in [n, n + n²] and the
 * condition number stays below n + 1. Throws a RangeError when n is not a positive integer.
 */
export function spdMatrix(n: number): fc.Arbitrary<Float64Array> {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`spdMatrix: n must be a positive integer, got ${n}`);
  const entry = fc.double({ min: -1, max: 1, noNaN: true, noDefaultInfinity: true });
  return fc.array(entry, { minLength: n * n, maxLength: n * n }).map((b) => {
    const result = new Float64Array(n * n);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i <= j; i++) {
        let sum = 0;
        for (let k = 0; k < n; k++) sum += b[k + i * n] * b[k + j * n];
        if (i === j) sum += n;
        result[i + j * n] = sum;
        result[j + i * n] = sum;
      }
    }
    return result;
  });
}
