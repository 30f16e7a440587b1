// The test problems of the optimizer conformance suite, each with its gradient for optimizers
// that use one.
import fc from "fast-check";
import { spdMatrix } from "./arbitraries/spd-matrix";

/** ∇ of ½θᵀHθ − bᵀθ. */
export function quadraticGradient(q: Quadratic, theta: Float64Array, out: Float64Array): void {
  for (let i = 0; i < q.n; i++) {
    let row = 0;
    for (let j = 0; j < q.n; j++) row += q.hessian[i + j * q.n] * theta[j];
    out[i] = row - q.linear[i];
  }
}

export interface Quadratic {
  readonly n: number;
  /** Column-major SPD n×n. */
  readonly hessian: Float64Array;
  readonly linear: Float64Array;
}

export function quadraticValue(q: Quadratic, theta: Float64Array): number {
  let value = 0;
  for (let j = 0; j < q.n; j++) {
    let row = 0;
    for (let i = 0; i < q.n; i++) row += q.hessian[i + j * q.n] * theta[i];
    value += 0.5 * theta[j] * row - q.linear[j] * theta[j];
  }
  return value;
}

/** Solves H x = b by Cholesky; H is the SPD matrix of a test quadratic. */
export function quadraticMinimizer(q: Quadratic): Float64Array {
  const n = q.n;
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let diagonal = q.hessian[j + j * n];
    for (let k = 0; k < j; k++) diagonal -= l[j + k * n] ** 2;
    const pivot = Math.sqrt(diagonal);
    l[j + j * n] = pivot;
    for (let i = j + 1; i < n; i++) {
      let sum = q.hessian[i + j * n];
      for (let k = 0; k < j; k++) sum -= l[i + k * n] * l[j + k * n];
      l[i + j * n] = sum / pivot;
    }
  }
  const x = Float64Array.from(q.linear);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < i; k++) x[i] -= l[i + k * n] * x[k];
    x[i] /= l[i + i * n];
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) x[i] -= l[k + i * n] * x[k];
    x[i] /= l[i + i * n];
  }
  return x;
}

export function sampleQuadratics(n: number, count: number): Quadratic[] {
  const linear = fc.array(fc.double({ min: -3, max: 3, noNaN: true }), {
    minLength: n,
    maxLength: n,
  });
  return fc
    .sample(fc.tuple(spdMatrix(n), linear), { seed: 42 + n, numRuns: count })
    .map(([hessian, b]) => ({ n, hessian, linear: Float64Array.from(b) }));
}

export const sphereAround =
  (center: readonly number[]) =>
  (theta: Float64Array): number => {
    let sum = 0;
    for (let i = 0; i < center.length; i++) sum += (theta[i] - center[i]) ** 2;
    return sum;
  };

export const sphereGradient =
  (center: readonly number[]) =>
  (theta: Float64Array, out: Float64Array): void => {
    for (let i = 0; i < center.length; i++) out[i] = 2 * (theta[i] - center[i]);
  };

/** The extended Rosenbrock function in n dimensions (minimum 0 at 1, …, 1) and its gradient. */
export function rosenbrock(theta: Float64Array): number {
  let sum = 0;
  for (let i = 0; i + 1 < theta.length; i++) {
    sum += 100 * (theta[i + 1] - theta[i] ** 2) ** 2 + (1 - theta[i]) ** 2;
  }
  return sum;
}

export function rosenbrockGradient(theta: Float64Array, out: Float64Array): void {
  out.fill(0);
  for (let i = 0; i + 1 < theta.length; i++) {
    const inner = theta[i + 1] - theta[i] ** 2;
    out[i] += -400 * theta[i] * inner - 2 * (1 - theta[i]);
    out[i + 1] += 200 * inner;
  }
}
