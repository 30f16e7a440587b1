import { ModelError } from "@mixedmodels/core";
import { blockIndex, blockToDense, potrf, trsm } from "@mixedmodels/linalg";
import { BlockedGradient } from "./blocked-gradient";
import type { BlockedSystem } from "./blocked-system";
import { SingleTermGradient } from "./single-term-gradient";

/**
 * Largest order q + p + 1 of Ω for which the dense gradient is offered: its three N×N arrays
 * take 24·N² bytes (54 MB at the limit) and O(N³) work per call.
 */
export const DENSE_GRADIENT_MAX_ORDER = 1500;

/**
 * Largest q + p + 1 for which the dense gradient costs about an evaluation or less with two or
 * more terms, so that a quasi-Newton fit (a third of BOBYQA's evaluations) is also the faster
 * one. Measured 2026-12-04 on the reference cases (interleaved fits, medians of 400): penicillin
 * (32) 0.58 against BOBYQA's 0.75 ms, sleepstudy zerocorr (39) 0.22 against 0.71 ms, pastes nested
 * (42) 1.51 against 0.58 ms. Larger models keep BOBYQA by default.
 */
export const CHEAP_GRADIENT_ORDER = 40;

/** Up to this q + p + 1 the dense gradient, above it the blocked one (no N² arrays). */
const DENSE_GRADIENT_ORDER = 300;

/**
 * How a model's gradient is computed: "single-term" (from the blocked factor: one random-effects
 * term with a block-diagonal factor), "dense" (O(N³), N = q + p + 1 ≤ 300) or "blocked"
 * (q + p + 1 solves with L, any structure); and whether it is cheap enough for a gradient method
 * to be the faster choice.
 */
export function gradientMethod(system: BlockedSystem): {
  readonly kind: "single-term" | "dense" | "blocked";
  readonly cheap: boolean;
} {
  if (SingleTermGradient.applies(system)) return { kind: "single-term", cheap: true };
  const order = system.q + system.p + 1;
  if (order <= DENSE_GRADIENT_ORDER) return { kind: "dense", cheap: order <= CHEAP_GRADIENT_ORDER };
  return { kind: "blocked", cheap: false };
}

/**
 * The gradient of a linear mixed model's profiled objective (ML deviance or REML criterion) with
 * respect to θ, exact up to rounding, computed densely: the fastest way for small models with
 * several terms, and the reference the structured versions ({@link SingleTermGradient},
 * {@link BlockedGradient}) are tested against (see {@link DENSE_GRADIENT_MAX_ORDER}).
 *
 * Why this is the gradient: with Λ̃ = diag(Λ, I) and Ω(θ) = Λ̃ᵀAΛ̃ + diag(I_q, 0), every term of
 * the objective is a log-determinant of a leading block of Ω: log|L_ZZ|² = log det Ω_ZZ,
 * log|L_ZZ|² + log|L_XX|² = log det Ω_ZX and r² = det Ω / det Ω_ZX, so
 * ML = log det Ω_ZZ + n·log(det Ω / det Ω_ZX) + const and
 * REML = log det Ω_ZX + (n − p)·log(det Ω / det Ω_ZX) + const. For a leading block S,
 * ∂ log det Ω_S/∂θ_m = tr(Ω_S⁻¹ ∂Ω_S) = 2 tr(Ω_S⁻¹ (Λ̃ᵀA ∂Λ̃)_SS), and ∂Λ/∂θ_m has a 1 at
 * (level ℓ, row a), (level ℓ, column b) for every level ℓ of θ_m's term. With M = L⁻¹ (L the
 * Cholesky factor of Ω, so Ω_S⁻¹ = M_SSᵀM_SS) and C = M·(Λ̃ᵀA)[:, Z] this is
 * 2 Σ_ℓ Σ_{j ∈ S} M[j, ℓb]·C[j, ℓa]; the three sets S differ only in the range of j.
 */
export class DenseProfiledGradient {
  private readonly order: number;
  /** A as a dense symmetric N×N matrix (both triangles). */
  private readonly a: Float64Array;
  /** Λ̃ᵀA, then Ω and its factor L. */
  private readonly left: Float64Array;
  private readonly omega: Float64Array;
  /** [M[:, Z] | C] with M = L⁻¹ and C = M·(Λ̃ᵀA)[:, Z] (N×2q). */
  private readonly solved: Float64Array;

  constructor(private readonly system: BlockedSystem) {
    const { q, p, k } = system;
    const order = q + p + 1;
    if (order > DENSE_GRADIENT_MAX_ORDER) {
      throw new ModelError(
        `the analytic gradient is computed densely for now and needs q + p + 1 ≤ ${DENSE_GRADIENT_MAX_ORDER}; this model has q = ${q}, p = ${p}: use a derivative-free optimizer (bobyqa)`,
      );
    }
    this.order = order;
    this.a = new Float64Array(order * order);
    this.left = new Float64Array(order * order);
    this.omega = new Float64Array(order * order);
    this.solved = new Float64Array(order * 2 * q);
    const start = (i: number) => (i < k ? system.offsets[i] : q);
    for (let j = 0; j <= k; j++) {
      for (let i = j; i <= k; i++) {
        const block = system.crossProduct[blockIndex(i, j)];
        const dense = blockToDense(block);
        const r0 = start(i);
        const c0 = start(j);
        for (let c = 0; c < block.cols; c++) {
          for (let r = i === j ? c : 0; r < block.rows; r++) {
            const value = dense[r + c * block.rows];
            this.a[r0 + r + (c0 + c) * order] = value;
            this.a[c0 + c + (r0 + r) * order] = value;
          }
        }
      }
    }
  }

  /**
   * Write ∂objective/∂θ at the system's current λ's into `out` (length θ). Returns false when Ω is
   * not positive definite there (no gradient).
   */
  gradient(reml: boolean, out: Float64Array): boolean {
    const { system, order, a, left, omega, solved } = this;
    if (system.cholesky.failedBlock >= 0) return false;
    const { q, p, n, k, reterms, lambdas, offsets, layout } = system;
    // left = Λ̃ᵀA: rows of a term's level block mixed by λᵀ.
    left.set(a);
    for (let t = 0; t < k; t++) {
      const s = reterms[t].s;
      const lambda = lambdas[t];
      const levels = reterms[t].levels.length;
      for (let level = 0; level < levels; level++) {
        const base = offsets[t] + level * s;
        for (let c = 0; c < order; c++) {
          const column = c * order + base;
          for (let r = 0; r < s; r++) {
            let sum = 0;
            for (let rr = r; rr < s; rr++) sum += lambda[rr + r * s] * a[column + rr];
            left[column + r] = sum;
          }
        }
      }
    }
    // Ω = (Λ̃ᵀA)Λ̃ + diag(I_q, 0): columns of a level block mixed by λ.
    omega.set(left);
    for (let t = 0; t < k; t++) {
      const s = reterms[t].s;
      const lambda = lambdas[t];
      const levels = reterms[t].levels.length;
      for (let level = 0; level < levels; level++) {
        const base = offsets[t] + level * s;
        for (let r = 0; r < order; r++) {
          for (let c = 0; c < s; c++) {
            let sum = 0;
            for (let cc = c; cc < s; cc++)
              sum += left[r + (base + cc) * order] * lambda[cc + c * s];
            omega[r + (base + c) * order] = sum;
          }
        }
      }
    }
    for (let i = 0; i < q; i++) omega[i + i * order] += 1;
    if (potrf(order, omega, 0, order) >= 0) return false;
    // [M[:, Z] | C] = L⁻¹·[I_q over 0 | (Λ̃ᵀA)[:, Z]] by one triangular solve.
    solved.fill(0);
    for (let c = 0; c < q; c++) solved[c + c * order] = 1;
    solved.set(left.subarray(0, q * order), q * order);
    trsm("left", false, order, 2 * q, 1, omega, 0, order, solved, 0, order);
    const nu = reml ? n - p : n;
    for (let m = 0; m < layout.length; m++) {
      const t = layout.terms[m];
      const s = reterms[t].s;
      const levels = reterms[t].levels.length;
      let random = 0;
      let fixed = 0;
      let response = 0;
      for (let level = 0; level < levels; level++) {
        const rowIndex = offsets[t] + level * s + layout.rows[m];
        const colIndex = offsets[t] + level * s + layout.cols[m];
        const mColumn = colIndex * order;
        const cColumn = (q + rowIndex) * order;
        for (let j = colIndex; j < q; j++) random += solved[mColumn + j] * solved[cColumn + j];
        for (let j = q; j < q + p; j++) fixed += solved[mColumn + j] * solved[cColumn + j];
        response += solved[mColumn + q + p] * solved[cColumn + q + p];
      }
      // 2·(…) is ∂ log det of the leading blocks: Ω_ZZ (random), Ω_ZX (+ fixed), Ω (+ response).
      out[m] = reml ? 2 * (random + fixed) + nu * 2 * response : 2 * random + nu * 2 * response;
    }
    return true;
  }
}

/**
 * A fit's gradient callback, by {@link gradientMethod}'s choice, built on first use, at θ̃ as given (installed
 * through `install` first when it is not the system's current θ̃, so L stays in step with λ). A
 * point where Ω cannot be factored gets NaN, which an optimizer treats as a failed point.
 */
export function profiledGradientCallback(
  system: BlockedSystem,
  reml: boolean,
  install: (theta: Float64Array) => unknown,
): (theta: Float64Array, out: Float64Array) => void {
  let method: { gradient(reml: boolean, out: Float64Array): boolean } | null = null;
  let current: Float64Array | null = null;
  return (theta, out) => {
    if (method === null) {
      const kind = gradientMethod(system).kind;
      method =
        kind === "single-term"
          ? new SingleTermGradient(system)
          : kind === "dense"
            ? new DenseProfiledGradient(system)
            : new BlockedGradient(system);
    }
    current ??= new Float64Array(system.layout.length);
    system.layout.gather(system.lambdas, current);
    let same = current.length === theta.length;
    for (let i = 0; same && i < theta.length; i++) same = Object.is(current[i], theta[i]);
    if (!same) install(theta);
    if (!method.gradient(reml, out)) out.fill(Number.NaN);
  };
}
