import { type Block, blockIndex, type DenseBlock } from "@mixedmodels/linalg";
import type { ModelParts, RandomEffectsMatrix } from "@mixedmodels/modelmatrix";
import {
  type FixedColumns,
  writeFixedGram,
  writeFixedTermProduct,
  writeTermDiagonal,
} from "./cross-product";

/**
 * Where observation t lands in an off-diagonal block A[i, j] = Z_iᵀWZ_j: entry (r, c) of its
 * s_i×s_j contribution is `values[base[t] + r + c·stride[t]]`, for every storage kind the
 * cross-product chooses (diagonal, sparse CSC of whole level blocks, dense).
 */
interface ObservationPositions {
  readonly base: Int32Array;
  readonly stride: Int32Array;
}

function observationPositions(
  block: Block,
  rowTerm: RandomEffectsMatrix,
  colTerm: RandomEffectsMatrix,
): ObservationPositions {
  const n = rowTerm.refs.length;
  const si = rowTerm.s;
  const sj = colTerm.s;
  const base = new Int32Array(n);
  const stride = new Int32Array(n);
  for (let t = 0; t < n; t++) {
    const row = rowTerm.refs[t] * si;
    const col = colTerm.refs[t] * sj;
    switch (block.kind) {
      case "diagonal":
        base[t] = row;
        break;
      case "dense":
        base[t] = col * block.rows + row;
        stride[t] = block.rows;
        break;
      case "sparse-csc": {
        let lo = block.colPtr[col];
        let hi = block.colPtr[col + 1] - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (block.rowIdx[mid] < row) lo = mid + 1;
          else hi = mid;
        }
        base[t] = lo;
        stride[t] = block.colPtr[col + 1] - block.colPtr[col];
        break;
      }
      default:
        throw new Error(`unexpected cross-product block kind ${block.kind}`);
    }
  }
  return { base, stride };
}

/**
 * Recomputes A = [Z X y]ᵀW[Z X y] in place for new weights W and a new response, keeping every
 * block's storage and pattern (the pattern depends only on the grouping factors). A generalized
 * model calls this once per PIRLS step with the working weights and working response, so it
 * allocates nothing: the position of every observation in the off-diagonal blocks is found once.
 * Every sum runs over the observations in data order, as the first construction's do.
 */
export class CrossProductReweighter {
  private readonly parts: ModelParts;
  private readonly blocks: Block[];
  private readonly positions: (ObservationPositions | null)[];
  private readonly weighted: Float64Array;
  /** Only scalar terms and no fixed columns: one fused pass (`reweightScalar`). */
  private readonly scalarOnly: boolean;
  /** One or two scalar terms and fixed columns: one pass over the rows (`reweightScalarFixed`). */
  private readonly scalarWithFixed: boolean;
  private readonly gram: Float64Array;
  /** One row of [X y]. */
  private readonly row: Float64Array;
  /** X by rows (n×p, row-major) for `reweightScalarFixed`, which reads it row by row. */
  private readonly xByRows: Float64Array;

  constructor(parts: ModelParts, blocks: Block[]) {
    this.parts = parts;
    this.blocks = blocks;
    const terms = parts.reterms;
    const k = terms.length;
    this.positions = blocks.map(() => null);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < i; j++) {
        const index = blockIndex(i, j);
        this.positions[index] = observationPositions(blocks[index], terms[i], terms[j]);
      }
    }
    let maxS = 1;
    for (const term of terms) maxS = Math.max(maxS, term.s);
    this.weighted = new Float64Array(parts.n * maxS);
    this.scalarOnly = maxS === 1 && parts.X.p === 0;
    this.scalarWithFixed = maxS === 1 && parts.X.p > 0 && k <= 2;
    this.gram = new Float64Array((parts.X.p + 1) * (parts.X.p + 1));
    this.row = new Float64Array(parts.X.p + 1);
    const { n, X } = parts;
    this.xByRows = new Float64Array(this.scalarWithFixed ? n * X.p : 0);
    if (this.scalarWithFixed) {
      for (let t = 0; t < n; t++) {
        for (let r = 0; r < X.p; r++) this.xByRows[t * X.p + r] = X.data[r * n + t];
      }
    }
  }

  /** Overwrite A with the cross-products under weights `w` (length n) and response `y`. */
  reweight(w: Float64Array, y: Float64Array): void {
    const terms = this.parts.reterms;
    const k = terms.length;
    if (this.scalarOnly) {
      this.reweightScalar(w, y);
      return;
    }
    if (this.scalarWithFixed) {
      this.reweightScalarFixed(w, y);
      return;
    }
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < i; j++) this.termProduct(i, j, w);
      writeTermDiagonal(terms[i], w, this.blocks[blockIndex(i, i)].values);
    }
    const fixed: FixedColumns = { n: this.parts.n, p: this.parts.X.p, x: this.parts.X.data, y };
    for (let j = 0; j < k; j++) {
      const target = this.blocks[blockIndex(k, j)] as DenseBlock;
      writeFixedTermProduct(fixed, terms[j], w, target, this.weighted);
    }
    writeFixedGram(fixed, w, this.blocks[blockIndex(k, k)] as DenseBlock);
  }

  /**
   * [Z y]ᵀW[Z y] for scalar terms and no fixed columns (a GLMM's random-effects working model)
   * in one pass over the observations instead of one per block; every product and every sum in
   * the same order as the block-by-block path, so the same bits. One and two terms (most GLMMs)
   * have their own loops over plain typed arrays.
   */
  private reweightScalar(w: Float64Array, y: Float64Array): void {
    const terms = this.parts.reterms;
    const k = terms.length;
    const blocks = this.blocks;
    for (const block of blocks) block.values.fill(0);
    const last = blocks[blockIndex(k, k)].values;
    if (k === 1) {
      last[0] = reweightOneScalar(
        w,
        y,
        terms[0],
        blocks[blockIndex(0, 0)].values,
        blocks[blockIndex(1, 0)].values,
      );
      return;
    }
    if (k === 2) {
      last[0] = reweightTwoScalar(
        w,
        y,
        terms[0],
        terms[1],
        blocks[blockIndex(0, 0)].values,
        blocks[blockIndex(1, 1)].values,
        blocks[blockIndex(2, 0)].values,
        blocks[blockIndex(2, 1)].values,
        blocks[blockIndex(1, 0)].values,
        (this.positions[blockIndex(1, 0)] as ObservationPositions).base,
      );
      return;
    }
    const diagonals = terms.map((_, i) => blocks[blockIndex(i, i)].values);
    const responses = terms.map((_, i) => blocks[blockIndex(k, i)].values);
    // Per term i, the off-diagonal blocks (i, j < i): their values and observation positions.
    const offValues = terms.map((_, i) =>
      terms.slice(0, i).map((_, j) => blocks[blockIndex(i, j)].values),
    );
    const offBases = terms.map((_, i) =>
      terms
        .slice(0, i)
        .map((_, j) => (this.positions[blockIndex(i, j)] as ObservationPositions).base),
    );
    let yy = 0;
    for (let t = 0; t < w.length; t++) {
      const wt = w[t];
      const yt = y[t];
      yy += wt * yt * yt;
      for (let i = 0; i < k; i++) {
        const term = terms[i];
        const level = term.refs[t];
        const wz = wt * term.z[t];
        diagonals[i][level] += wz * term.z[t];
        responses[i][level] += wz * yt;
        const values = offValues[i];
        const bases = offBases[i];
        for (let j = 0; j < i; j++) values[j][bases[j][t]] += wz * terms[j].z[t];
      }
    }
    last[0] = yy;
  }

  /**
   * The full working model [Z X y]ᵀW[Z X y] for one or two scalar terms in one pass over the
   * rows instead of one pass per block and per pair of columns: X is read once, not 2(p+1)
   * times. Every entry is the sum over the rows in data order of the product the block-by-block
   * path forms ((w·z)·z, (w·z_i)·z_j, x·(w·z), (w·a)·b for the Gram's a = column r ≥ c), so the
   * same bits.
   */
  private reweightScalarFixed(w: Float64Array, y: Float64Array): void {
    const terms = this.parts.reterms;
    const k = terms.length;
    const { n, X } = this.parts;
    const p = X.p;
    const m = p + 1;
    const x = this.xByRows;
    const blocks = this.blocks;
    for (const block of blocks) block.values.fill(0);
    const gram = this.gram;
    gram.fill(0);
    const row = this.row;
    const refs0 = terms[0].refs;
    const z0 = terms[0].z;
    const diagonal0 = blocks[blockIndex(0, 0)].values;
    const fixed0 = blocks[blockIndex(k, 0)].values;
    const two = k === 2;
    const refs1 = two ? terms[1].refs : refs0;
    const z1 = two ? terms[1].z : z0;
    const diagonal1 = blocks[blockIndex(1, two ? 1 : 0)].values;
    const fixed1 = two ? blocks[blockIndex(k, 1)].values : fixed0;
    const off = two ? blocks[blockIndex(1, 0)].values : diagonal0;
    const base = two ? (this.positions[blockIndex(1, 0)] as ObservationPositions).base : refs0;
    for (let t = 0; t < n; t++) {
      const wt = w[t];
      const a = z0[t];
      const wa = wt * a;
      const level0 = refs0[t];
      diagonal0[level0] += wa * a;
      const at0 = level0 * m;
      let wb = 0;
      let at1 = 0;
      if (two) {
        const b = z1[t];
        wb = wt * b;
        const level1 = refs1[t];
        diagonal1[level1] += wb * b;
        off[base[t]] += wb * a;
        at1 = level1 * m;
      }
      const first = t * p;
      for (let r = 0; r < p; r++) row[r] = x[first + r];
      row[p] = y[t];
      for (let r = 0; r < m; r++) {
        const xr = row[r];
        if (xr !== 0) {
          fixed0[at0 + r] += xr * wa;
          if (two) fixed1[at1 + r] += xr * wb;
        }
        // Gram column c ≤ r: (w·x_r)·x_c. A zero w·x_r would add ±0 to every entry, which
        // leaves each sum's bits as they are: skip the row (X's indicator columns are mostly 0).
        const wx = wt * xr;
        if (wx === 0) continue;
        for (let c = 0; c <= r; c++) gram[r + c * m] += wx * row[c];
      }
    }
    const target = blocks[blockIndex(k, k)].values;
    for (let c = 0; c < m; c++) {
      for (let r = c; r < m; r++) {
        target[r + c * m] = gram[r + c * m];
        target[c + r * m] = gram[r + c * m];
      }
    }
  }

  private termProduct(i: number, j: number, w: Float64Array): void {
    const index = blockIndex(i, j);
    const { base, stride } = this.positions[index] as ObservationPositions;
    const rowTerm = this.parts.reterms[i];
    const colTerm = this.parts.reterms[j];
    const si = rowTerm.s;
    const sj = colTerm.s;
    const v = this.blocks[index].values;
    v.fill(0);
    const zi = rowTerm.z;
    const zj = colTerm.z;
    if (si === 1 && sj === 1) {
      for (let t = 0; t < base.length; t++) v[base[t]] += w[t] * zi[t] * zj[t];
      return;
    }
    for (let t = 0; t < base.length; t++) {
      for (let c = 0; c < sj; c++) {
        const zc = w[t] * zj[t * sj + c];
        const at = base[t] + c * stride[t];
        for (let r = 0; r < si; r++) v[at + r] += zi[t * si + r] * zc;
      }
    }
  }
}

/** `reweightScalar` for one term: fills its diagonal and response row, returns yᵀWy. */
function reweightOneScalar(
  w: Float64Array,
  y: Float64Array,
  term: RandomEffectsMatrix,
  diagonal: Float64Array,
  response: Float64Array,
): number {
  const { refs, z } = term;
  let yy = 0;
  for (let t = 0; t < w.length; t++) {
    const wt = w[t];
    const yt = y[t];
    yy += wt * yt * yt;
    const level = refs[t];
    const zt = z[t];
    const wz = wt * zt;
    diagonal[level] += wz * zt;
    response[level] += wz * yt;
  }
  return yy;
}

/**
 * `reweightScalar` for two terms: both diagonals, both response rows and the off-diagonal block
 * (its observation positions `base`), in the order of the general loop; returns yᵀWy.
 */
function reweightTwoScalar(
  w: Float64Array,
  y: Float64Array,
  first: RandomEffectsMatrix,
  second: RandomEffectsMatrix,
  diagonal0: Float64Array,
  diagonal1: Float64Array,
  response0: Float64Array,
  response1: Float64Array,
  off: Float64Array,
  base: Int32Array,
): number {
  const refs0 = first.refs;
  const z0 = first.z;
  const refs1 = second.refs;
  const z1 = second.z;
  let yy = 0;
  for (let t = 0; t < w.length; t++) {
    const wt = w[t];
    const yt = y[t];
    yy += wt * yt * yt;
    const a = z0[t];
    const wa = wt * a;
    const level0 = refs0[t];
    diagonal0[level0] += wa * a;
    response0[level0] += wa * yt;
    const b = z1[t];
    const wb = wt * b;
    const level1 = refs1[t];
    diagonal1[level1] += wb * b;
    response1[level1] += wb * yt;
    off[base[t]] += wb * a;
  }
  return yy;
}
