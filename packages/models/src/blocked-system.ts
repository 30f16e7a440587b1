import { ModelError } from "@mixedmodels/core";
import {
  type Block,
  BlockedCholesky,
  blockIndex,
  copyBlock,
  type DenseBlock,
  lmulLambdaTranspose,
  logdetFromBlockCholesky,
  logdetFromCholesky,
  rmulLambda,
  scaleInflate,
  solveWithFactor,
  sparseCholeskyLogDet,
  subtractBlockProduct,
  trsv,
} from "@mixedmodels/linalg";
import type { ModelParts, RandomEffectsMatrix } from "@mixedmodels/modelmatrix";
import {
  buildCrossProduct,
  type FixedColumns,
  fixedResponseColumns,
  responseMinusOffset,
  writeFixedGram,
  writeResponseRow,
} from "./cross-product";
import { CrossProductReweighter } from "./cross-product-reweight";
import { log, logOfProduct } from "./elementary";
import { createFactorStorage, type FactorChoice, type SparseFactorPolicy } from "./factor-storage";
import { ThetaLayout } from "./theta-layout";

/**
 * The penalized least-squares system of a linear mixed model: the blocked cross-product A (built
 * once), the λ factors, and the blocked Cholesky factor L of
 * [ΛᵀZᵀZΛ + I, ΛᵀZᵀ[X y]; [X y]ᵀZΛ, [X y]ᵀ[X y]], updated per θ without allocating and at a cost
 * independent of the number of observations.
 */
export class BlockedSystem {
  readonly reterms: readonly RandomEffectsMatrix[];
  /** Number of random-effects terms. */
  readonly k: number;
  /** Observations. */
  readonly n: number;
  /** Columns of X (its rank). */
  readonly p: number;
  /** Start of each term's random effects in the stacked vector u (length k+1; last = q). */
  readonly offsets: Int32Array;
  readonly q: number;
  readonly layout: ThetaLayout;
  /** λ per term: s×s lower triangular, column-major. */
  readonly lambdas: Float64Array[];
  readonly crossProduct: Block[];
  readonly factor: Block[];
  /** Per term: whether its diagonal block of L filled in (dense). */
  readonly filledIn: boolean[];
  /** Per term: how its diagonal block of L is stored (dense or sparse when filled in), with flops. */
  readonly factorChoices: FactorChoice[];
  readonly cholesky: BlockedCholesky;
  readonly weights: Float64Array | null;
  /** Σ log w (0 without weights), subtracted from the objective. */
  readonly logWeightSum: number;
  private readonly work: Float64Array;
  private fixedColumns: FixedColumns;
  private readonly offset: Float64Array | null;
  private readonly parts: ModelParts;
  private reweighter: CrossProductReweighter | null = null;

  /**
   * `crossProduct`, `logWeightSum` and `nested` come from a model built from precomputed
   * cross-products (parts without rows, see cross-product-model.ts); by default all three are
   * computed from the parts' rows. `lambdas`: λ arrays to share with another system over the
   * same terms (a GLMM's random-effects-only system), so that `setTheta` on either sets both; by
   * default its own.
   */
  constructor(
    parts: ModelParts,
    options: {
      sparseFactor?: SparseFactorPolicy;
      crossProduct?: Block[];
      logWeightSum?: number;
      nested?: (inner: number, outer: number) => boolean;
      lambdas?: Float64Array[];
    } = {},
  ) {
    if (parts.reterms.length === 0) {
      throw new ModelError("a linear mixed model needs at least one random-effects term");
    }
    this.parts = parts;
    this.reterms = parts.reterms;
    this.k = parts.reterms.length;
    this.n = parts.n;
    this.p = parts.X.p;
    this.offsets = new Int32Array(this.k + 1);
    parts.reterms.forEach((term, i) => {
      this.offsets[i + 1] = this.offsets[i] + term.levels.length * term.s;
    });
    this.q = this.offsets[this.k];
    this.layout = new ThetaLayout(parts.reterms);
    if (options.lambdas === undefined) {
      this.lambdas = parts.reterms.map((term) => new Float64Array(term.s * term.s));
      this.layout.scatter(this.layout.initialTheta(), this.lambdas);
    } else {
      this.lambdas = options.lambdas;
    }
    this.weights = parts.weights;
    let logWeightSum = 0;
    if (parts.weights !== null) for (const w of parts.weights) logWeightSum += log(w);
    this.logWeightSum = options.logWeightSum ?? logWeightSum;
    this.offset = parts.offset ?? null;
    this.fixedColumns = fixedResponseColumns(parts);
    this.crossProduct =
      options.crossProduct ?? buildCrossProduct(parts, parts.weights, this.fixedColumns);
    const storage = createFactorStorage(this.crossProduct, parts.reterms, options);
    this.factor = storage.blocks;
    this.filledIn = storage.filledIn;
    this.factorChoices = storage.choices;
    this.cholesky = new BlockedCholesky({ size: this.k + 1, blocks: this.factor });
    let maxS = 1;
    for (const term of parts.reterms) maxS = Math.max(maxS, term.s);
    this.work = new Float64Array(maxS * maxS);
  }

  /** Block (i, j) of L. */
  factorBlock(i: number, j: number): Block {
    return this.factor[blockIndex(i, j)];
  }

  /** The last diagonal block of L: [L_XX 0; l_yX l_yy], (p+1)×(p+1). */
  get fixedBlock(): DenseBlock {
    return this.factor[blockIndex(this.k, this.k)] as DenseBlock;
  }

  /** Install θ into the λ factors (does not update L). */
  setTheta(theta: ArrayLike<number>): void {
    this.layout.scatter(theta, this.lambdas);
  }

  /** The current θ. */
  getTheta(): Float64Array {
    const theta = new Float64Array(this.layout.length);
    this.layout.gather(this.lambdas, theta);
    return theta;
  }

  /**
   * Recompute L for the current λ's: scale and inflate A's blocks into L, then the blocked
   * Cholesky. Returns false (L incomplete; see `cholesky.failedBlock/failedRow`) on a
   * non-positive pivot.
   */
  updateFactor(): boolean {
    const { k, crossProduct, factor, lambdas, reterms, work } = this;
    for (let j = 0; j < k; j++) {
      const s = reterms[j].s;
      const jj = blockIndex(j, j);
      scaleInflate(factor[jj], crossProduct[jj], lambdas[j], s, work);
      for (let i = j + 1; i <= k; i++) {
        const ij = blockIndex(i, j);
        const target = factor[ij];
        const source = crossProduct[ij];
        if (s === 1 && (i === k || reterms[i].s === 1) && target.kind === source.kind) {
          // Scalar λ's on both sides: one scaled copy instead of a copy and two scaling passes.
          const scale = lambdas[j][0] * (i < k ? lambdas[i][0] : 1);
          const t = target.values;
          const a = source.values;
          for (let p = 0; p < t.length; p++) t[p] = a[p] * scale;
          continue;
        }
        copyBlock(target, source);
        rmulLambda(target, lambdas[j], s);
        if (i < k) lmulLambdaTranspose(lambdas[i], reterms[i].s, target);
      }
    }
    const last = blockIndex(k, k);
    copyBlock(factor[last], crossProduct[last]);
    return this.cholesky.factorize();
  }

  /** log|L_ZZ|² = log det(ΛᵀZᵀZΛ + I). */
  logdetRandom(): number {
    let sum = 0;
    for (let j = 0; j < this.k; j++) {
      const block = this.factorBlock(j, j);
      switch (block.kind) {
        case "diagonal":
          sum += 2 * logOfProduct(block.values, 0, 1, block.values.length);
          break;
        case "uniform-block-diagonal": {
          sum += logdetFromBlockCholesky(block.blockSize, block.count, block.values);
          break;
        }
        case "dense":
          sum += logdetFromCholesky(block.rows, block.values, 0, block.rows);
          break;
        case "sparse-cholesky":
          sum += sparseCholeskyLogDet(block.factor);
          break;
        case "sparse-csc":
          throw new ModelError("a diagonal block of L cannot be sparse");
      }
    }
    return sum;
  }

  /** log|L_XX|². */
  logdetFixed(): number {
    return logdetFromCholesky(this.p, this.fixedBlock.values, 0, this.p + 1);
  }

  /** Penalized residual sum of squares r²_θ = l_yy². */
  pwrss(): number {
    const last = this.fixedBlock.values[this.p + this.p * (this.p + 1)];
    return last * last;
  }

  /** Profiled deviance (ML) or REML criterion at the current, successfully updated L. */
  objective(reml: boolean): number {
    const nu = reml ? this.n - this.p : this.n;
    let value = this.logdetRandom() + nu * (1 + log((2 * Math.PI * this.pwrss()) / nu));
    if (reml) value += this.logdetFixed();
    return value - this.logWeightSum;
  }

  /** β̂ (length p) from L_XXᵀ β = l_yXᵀ. */
  solveFixedEffects(out: Float64Array): void {
    const m = this.p + 1;
    const values = this.fixedBlock.values;
    for (let r = 0; r < this.p; r++) out[r] = values[this.p + r * m];
    trsv(true, this.p, values, 0, m, out, 0, 1);
  }

  /** Spherical conditional modes ũ (length q) given β: L_ZZᵀ u = l_yZ − L_XZᵀ β. */
  solveSphericalModes(beta: Float64Array, out: Float64Array): void {
    const { k, p, offsets } = this;
    const m = p + 1;
    for (let j = 0; j < k; j++) {
      const block = this.factorBlock(k, j) as DenseBlock;
      for (let col = 0; col < block.cols; col++) {
        let value = block.values[p + col * m];
        for (let r = 0; r < p; r++) value -= block.values[r + col * m] * beta[r];
        out[offsets[j] + col] = value;
      }
    }
    for (let j = k - 1; j >= 0; j--) {
      solveWithFactor(this.factorBlock(j, j), true, out, offsets[j]);
      for (let i = 0; i < j; i++) {
        subtractBlockProduct(this.factorBlock(j, i), true, out, offsets[j], out, offsets[i]);
      }
    }
  }

  /** b = Λu, term by term. */
  toRandomEffects(u: Float64Array, out: Float64Array): void {
    this.reterms.forEach((term, j) => {
      const s = term.s;
      const lambda = this.lambdas[j];
      for (let level = 0; level < term.levels.length; level++) {
        const base = this.offsets[j] + level * s;
        for (let r = s - 1; r >= 0; r--) {
          let sum = 0;
          for (let c = 0; c <= r; c++) sum += lambda[r + c * s] * u[base + c];
          out[base + r] = sum;
        }
      }
    });
  }

  /**
   * Forward solve x ← L⁻¹x over block rows `from` … `to` − 1 (x stacked as [u; β; y-slot]),
   * assuming x is zero in the block rows before `from`.
   */
  forwardSolve(x: Float64Array, from: number, to: number): void {
    const start = (i: number) => (i < this.k ? this.offsets[i] : this.q);
    for (let i = from; i < to; i++) {
      for (let j = from; j < i; j++) {
        subtractBlockProduct(this.factorBlock(i, j), false, x, start(j), x, start(i));
      }
      solveWithFactor(this.factorBlock(i, i), false, x, start(i));
    }
  }

  /**
   * Recompute A in place under new weights and a new response (y as given: no offset is taken
   * off), keeping the storage of every block: a generalized model's working linear model, once
   * per PIRLS step. `weights` replaces the case weights; `logWeightSum` is not updated, since
   * the profiled objective of the working model is not used.
   */
  reweight(weights: Float64Array, y: Float64Array): void {
    this.reweighter ??= new CrossProductReweighter(this.parts, this.crossProduct);
    this.reweighter.reweight(weights, y);
  }

  /**
   * Recompute only the response row of A, [X y]ᵀW y and yᵀWZ, under `weights` (the rest of A must
   * already be under the same weights): a GLMM's chord start, where W is a remembered one and only
   * the response (less the fixed part) is new. O(n·(s + p)).
   */
  reweightResponse(weights: Float64Array, y: Float64Array): void {
    const { k, p, n } = this;
    this.reterms.forEach((term, j) => {
      writeResponseRow(y, term, weights, this.crossProduct[blockIndex(k, j)] as DenseBlock);
    });
    const last = this.crossProduct[blockIndex(k, k)] as DenseBlock;
    const m = p + 1;
    const x = this.parts.X.data;
    for (let c = 0; c <= p; c++) {
      let sum = 0;
      if (c < p) for (let t = 0; t < n; t++) sum += weights[t] * x[c * n + t] * y[t];
      else for (let t = 0; t < n; t++) sum += weights[t] * y[t] * y[t];
      last.values[p + c * m] = sum;
      last.values[c + p * m] = sum;
    }
  }

  /** Replace the response: only the last block row of A changes. */
  setResponse(y: Float64Array): void {
    if (y.length !== this.n) {
      throw new ModelError(`the new response has ${y.length} values, the model has ${this.n}`);
    }
    const response = responseMinusOffset(y, this.offset);
    this.fixedColumns = { ...this.fixedColumns, y: response };
    this.reterms.forEach((term, j) => {
      writeResponseRow(
        response,
        term,
        this.weights,
        this.crossProduct[blockIndex(this.k, j)] as DenseBlock,
      );
    });
    writeFixedGram(
      this.fixedColumns,
      this.weights,
      this.crossProduct[blockIndex(this.k, this.k)] as DenseBlock,
    );
  }
}
