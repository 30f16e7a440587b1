import { DataError, ModelError } from "@mixedmodels/core";
import type { ModelParts } from "@mixedmodels/modelmatrix";
import { powerOfTwo } from "./binary-scale";
import { BlockedSystem } from "./blocked-system";
import {
  CENTRING_RATIO,
  type ColumnConditioning,
  FIXED_SCALE_EXPONENT_BAND,
  RANDOM_SCALE_EXPONENT_BAND,
  scaleExponent,
} from "./column-conditioning";
import {
  assembleCrossProduct,
  type CrossProductSums,
  checkSumShapes,
  nestedFromPairs,
} from "./cross-product-sums";
import { independentColumnsFromSums, restrictToColumns } from "./cross-product-rank";
import { LinearMixedModel, type LinearMixedModelOptions } from "./linear-mixed-model";
import { UserScale } from "./user-scale";

export type { CrossProductSums, LevelPairSums } from "./cross-product-sums";

/**
 * A linear mixed model built from precomputed cross-products instead of rows: everything that
 * needs only A (fit, objective at θ, β, θ, σ, vcov, ranef, condVar, summary) is as from memory.
 * What needs the rows (fitted values, residuals, leverage, refit with a new response) throws.
 */
export class CrossProductLinearMixedModel extends LinearMixedModel {
  override fitted(): Float64Array {
    return rowsNeeded("fitted values");
  }

  override residuals(): Float64Array {
    return rowsNeeded("residuals");
  }

  override leverage(): Float64Array {
    return rowsNeeded("leverage");
  }

  override refit(newResponse?: ArrayLike<number>, options = {}): this {
    if (newResponse !== undefined) rowsNeeded("refit with a new response");
    return super.refit(undefined, options);
  }

  /** The builder rejected a constant response from its sums. */
  protected override checkResponseVaries(): void {}
}

function rowsNeeded(what: string): never {
  throw new ModelError(
    `${what} need the rows; a model built from cross-products holds only A = [Z X y]ᵀ[Z X y]`,
  );
}

/**
 * Build a linear mixed model from the blocks of A computed elsewhere (a database, say).
 * `parts` describes the model without rows: names, levels, term layout; its `y`, `X.data`, and
 * every term's `refs` and `z` are empty, `X` has full rank (`kept` = every column).
 *
 * The model fits on centred and scaled columns as the in-memory one does; here the same
 * decisions come from the sums (means, spreads and root mean squares are ratios of entries of A)
 * and the map is applied to A itself: scaling by powers of two is exact; centring is the
 * congruence MᵀAM, which (unlike centring the rows) keeps the cancellation of a large mean, so
 * columns with |mean| ≫ spread lose digits here that the in-memory path keeps.
 *
 * Columns of X that are linear combinations of earlier ones are dropped (named in the parts'
 * `aliased` and in a `rank-deficient` warning), decided from the sums as the in-memory path
 * decides from the rows.
 * @throws ModelError for sums of the wrong shape or an X the dropping leaves singular (naming the column);
 *   DataError for a response with no variation.
 */
export function linearMixedModelFromCrossProducts(
  givenParts: ModelParts,
  givenSums: CrossProductSums,
  options: LinearMixedModelOptions = {},
): CrossProductLinearMixedModel {
  if (givenParts.reterms.length === 0) {
    throw new ModelError("a linear mixed model needs at least one random-effects term");
  }
  checkSumShapes(givenSums, givenParts.reterms, givenParts.X.p);
  // Dependent columns are dropped as in memory, decided from the sums (cross-product-rank.ts).
  const kept = independentColumnsFromSums(givenSums, givenParts.X.p);
  const { parts, sums } =
    kept.length === givenParts.X.p
      ? { parts: givenParts, sums: givenSums }
      : restrictToColumns(givenParts, givenSums, kept);
  const p = parts.X.p;
  const conditioning = conditioningFromSums(parts, sums);
  const conditioned = conditionSums(sums, parts, conditioning);
  checkFullRank(conditioned.fixedGram, p, parts.X.names);
  const blocks = assembleCrossProduct(conditioned, parts.reterms, p);
  const fitParts: ModelParts = { ...parts, offset: null };
  const userScale = new UserScale(parts, new Float64Array(0), { parts: fitParts, conditioning });
  const system = new BlockedSystem(fitParts, {
    sparseFactor: options.sparseFactor,
    crossProduct: blocks,
    logWeightSum: sums.logWeightSum,
    nested: (inner, outer) => nestedFromPairs(sums, inner, outer),
  });
  return new CrossProductLinearMixedModel(parts, options, { userScale, system });
}

/**
 * The in-memory rules of `conditionParts` with moments taken from the sums: mean = Σwx/Σw (Σwx
 * is the Gram entry with the constant column, divided by its value), rms = √(Σwx²/Σw),
 * spread = √(rms² − mean²).
 */
function conditioningFromSums(parts: ModelParts, sums: CrossProductSums): ColumnConditioning {
  const p = parts.X.p;
  const m = p + 1;
  const gram = sums.fixedGram;
  const total = sums.weightSum;
  let constantColumn = -1;
  for (let c = 0; c < p && constantColumn < 0; c++) {
    if (sums.columnMin[c] === sums.columnMax[c] && sums.columnMin[c] !== 0) constantColumn = c;
  }
  const constantValue = constantColumn < 0 ? 1 : sums.columnMin[constantColumn];
  const moments = (c: number) => {
    const squares = gram[c + c * m] / total;
    const mean = constantColumn < 0 ? 0 : gram[c + constantColumn * m] / constantValue / total;
    return { mean, rms: Math.sqrt(squares), spread: Math.sqrt(Math.max(0, squares - mean * mean)) };
  };
  const shiftAndExponent = (c: number) => {
    const { mean, rms, spread } = moments(c);
    const centred = constantColumn >= 0 && Math.abs(mean) > CENTRING_RATIO * spread;
    return {
      shift: centred ? mean : 0,
      exponent: scaleExponent(centred ? spread : rms, FIXED_SCALE_EXPONENT_BAND),
    };
  };
  const xShift = new Float64Array(p);
  const xScaleExponent = new Int32Array(p);
  for (let c = 0; c < p; c++) {
    if (c === constantColumn) continue;
    const { shift, exponent } = shiftAndExponent(c);
    xShift[c] = shift;
    xScaleExponent[c] = exponent;
  }
  const y = shiftAndExponent(p);
  if (!(y.shift === 0 ? moments(p).rms > 0 : moments(p).spread > 0)) {
    throw new DataError(
      `the response '${parts.responseName}' has no variation in the ${sums.n} rows used; there is nothing to model`,
      { column: parts.responseName },
    );
  }
  const zScaleExponent = parts.reterms.map((term, j) => {
    const s = term.s;
    const diagonal = sums.termDiagonal[j];
    const exponents = new Int32Array(s);
    for (let r = 0; r < s; r++) {
      let squares = 0;
      for (let level = 0; level < term.levels.length; level++) {
        squares += diagonal[level * s * s + r + r * s];
      }
      exponents[r] = scaleExponent(Math.sqrt(squares / total), RANDOM_SCALE_EXPONENT_BAND);
    }
    return exponents;
  });
  const identity =
    xShift.every((v) => v === 0) &&
    xScaleExponent.every((e) => e === 0) &&
    y.shift === 0 &&
    y.exponent === 0 &&
    zScaleExponent.every((exponents) => exponents.every((e) => e === 0));
  return {
    constantColumn,
    constantValue,
    xShift,
    xScaleExponent,
    yShift: y.shift,
    yScaleExponent: y.exponent,
    zScaleExponent,
    identity,
  };
}

/**
 * A of the conditioned columns: [X̃ ỹ] = [X y]·M with M the identity except column c ≠ the
 * constant column: 2^−e_c·(e_c − shift_c/c₀·e_const); Z̃ = Z·S⁻¹ per term.
 */
function conditionSums(
  sums: CrossProductSums,
  parts: ModelParts,
  conditioning: ColumnConditioning,
): CrossProductSums {
  if (conditioning.identity) return sums;
  const p = parts.X.p;
  const m = p + 1;
  const transform = new Float64Array(m * m);
  const { constantColumn, constantValue } = conditioning;
  for (let c = 0; c < m; c++) {
    const shift = c < p ? conditioning.xShift[c] : conditioning.yShift;
    const exponent = c < p ? conditioning.xScaleExponent[c] : conditioning.yScaleExponent;
    const scale = powerOfTwo(-exponent);
    transform[c + c * m] = c === constantColumn ? 1 : scale;
    if (shift !== 0 && c !== constantColumn) {
      transform[constantColumn + c * m] = (-shift / constantValue) * scale;
    }
  }
  // Mᵀ·B for a (p+1)-row block B with `cols` columns, column-major.
  const leftTransposed = (block: Float64Array, cols: number) => {
    const out = new Float64Array(block.length);
    for (let col = 0; col < cols; col++) {
      for (let r = 0; r < m; r++) {
        let sum = 0;
        for (let t = 0; t < m; t++) sum += transform[t + r * m] * block[t + col * m];
        out[r + col * m] = sum;
      }
    }
    return out;
  };
  const half = leftTransposed(sums.fixedGram, m);
  const fixedGram = new Float64Array(m * m);
  for (let c = 0; c < m; c++) {
    for (let r = 0; r < m; r++) {
      let sum = 0;
      for (let t = 0; t < m; t++) sum += half[r + t * m] * transform[t + c * m];
      fixedGram[r + c * m] = sum;
    }
  }
  const zScale = (j: number, r: number) => powerOfTwo(-conditioning.zScaleExponent[j][r]);
  const reterms = parts.reterms;
  const fixedByTerm = reterms.map((term, j) => {
    const q = term.levels.length * term.s;
    const out = leftTransposed(sums.fixedByTerm[j], q);
    for (let col = 0; col < q; col++) {
      const scale = zScale(j, col % term.s);
      for (let r = 0; r < m; r++) out[r + col * m] *= scale;
    }
    return out;
  });
  const termDiagonal = reterms.map((term, j) => {
    const s = term.s;
    const out = Float64Array.from(sums.termDiagonal[j]);
    for (let at = 0; at < out.length; at++) {
      const r = at % s;
      const c = Math.floor(at / s) % s;
      out[at] *= zScale(j, r) * zScale(j, c);
    }
    return out;
  });
  const termPairs = sums.termPairs.map((pairs, index) => {
    const i = Math.floor((1 + Math.sqrt(1 + 8 * index)) / 2);
    const j = index - (i * (i - 1)) / 2;
    const si = reterms[i].s;
    const sj = reterms[j].s;
    const values = Float64Array.from(pairs.values);
    for (let at = 0; at < values.length; at++) {
      const r = at % si;
      const c = Math.floor(at / si) % sj;
      values[at] *= zScale(i, r) * zScale(j, c);
    }
    return { ...pairs, values };
  });
  return { ...sums, fixedGram, fixedByTerm, termDiagonal, termPairs };
}

/**
 * A Cholesky pass over X̃ᵀX̃: a pivot that loses all but ~8 digits of its column means the
 * column is (numerically) a combination of earlier ones. The columns left after
 * `independentColumnsFromSums` pass it; this guards the conditioned sums against what rounding
 * in the conditioning could still make singular.
 */
function checkFullRank(gram: Float64Array, p: number, names: readonly string[]): void {
  const m = p + 1;
  const factor = new Float64Array(p * p);
  for (let c = 0; c < p; c++) for (let r = c; r < p; r++) factor[r + c * p] = gram[r + c * m];
  for (let c = 0; c < p; c++) {
    let pivot = factor[c + c * p];
    for (let t = 0; t < c; t++) pivot -= factor[c + t * p] ** 2;
    if (!(pivot > 1e-16 * gram[c + c * m])) {
      throw new ModelError(
        `the fixed-effects column '${names[c]}' is a linear combination of earlier columns; a model built from cross-products needs X of full rank (drop the column)`,
        { term: names[c] },
      );
    }
    const root = Math.sqrt(pivot);
    factor[c + c * p] = root;
    for (let r = c + 1; r < p; r++) {
      let value = factor[r + c * p];
      for (let t = 0; t < c; t++) value -= factor[r + t * p] * factor[c + t * p];
      factor[r + c * p] = value / root;
    }
  }
}
