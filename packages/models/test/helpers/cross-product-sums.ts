import type { ModelParts } from "@mixedmodels/modelmatrix";
import type { CrossProductSums } from "../../src/cross-product-model";

/**
 * The sums a database would compute, by plain loops over the rows of the parts (independent of
 * `buildCrossProduct`): per level, per co-occurring level pair, [X y]ᵀZ, [X y]ᵀ[X y].
 */
export function sumsOf(parts: ModelParts): CrossProductSums {
  const { n, X, y, reterms } = parts;
  const p = X.p;
  const m = p + 1;
  const xy = (t: number, c: number) => (c < p ? X.data[t + c * n] : y[t]);
  const termDiagonal = reterms.map((term) => {
    const s = term.s;
    const out = new Float64Array(term.levels.length * s * s);
    for (let t = 0; t < n; t++)
      for (let c = 0; c < s; c++)
        for (let r = 0; r < s; r++)
          out[term.refs[t] * s * s + r + c * s] += term.z[t * s + r] * term.z[t * s + c];
    return out;
  });
  const termPairs = [];
  for (let i = 0; i < reterms.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = reterms[i];
      const b = reterms[j];
      const index = new Map<string, number>();
      const rows: number[] = [];
      const cols: number[] = [];
      const values: number[] = [];
      for (let t = 0; t < n; t++) {
        const key = `${a.refs[t]},${b.refs[t]}`;
        let at = index.get(key);
        if (at === undefined) {
          at = rows.length;
          index.set(key, at);
          rows.push(a.refs[t]);
          cols.push(b.refs[t]);
          for (let v = 0; v < a.s * b.s; v++) values.push(0);
        }
        for (let c = 0; c < b.s; c++)
          for (let r = 0; r < a.s; r++)
            values[at * a.s * b.s + r + c * a.s] += a.z[t * a.s + r] * b.z[t * b.s + c];
      }
      termPairs.push({
        rowLevels: Int32Array.from(rows),
        colLevels: Int32Array.from(cols),
        values: Float64Array.from(values),
      });
    }
  }
  const fixedByTerm = reterms.map((term) => {
    const s = term.s;
    const out = new Float64Array(m * term.levels.length * s);
    for (let t = 0; t < n; t++)
      for (let c = 0; c < s; c++)
        for (let r = 0; r < m; r++)
          out[r + (term.refs[t] * s + c) * m] += xy(t, r) * term.z[t * s + c];
    return out;
  });
  const fixedGram = new Float64Array(m * m);
  for (let t = 0; t < n; t++)
    for (let c = 0; c < m; c++)
      for (let r = 0; r < m; r++) fixedGram[r + c * m] += xy(t, r) * xy(t, c);
  const columnMin = new Float64Array(p).fill(Infinity);
  const columnMax = new Float64Array(p).fill(-Infinity);
  for (let c = 0; c < p; c++)
    for (let t = 0; t < n; t++) {
      columnMin[c] = Math.min(columnMin[c], X.data[t + c * n]);
      columnMax[c] = Math.max(columnMax[c], X.data[t + c * n]);
    }
  return {
    n,
    weightSum: n,
    logWeightSum: 0,
    termDiagonal,
    termPairs,
    fixedByTerm,
    fixedGram,
    columnMin,
    columnMax,
  };
}

/** The parts with their rows taken away: what a database-backed model knows. */
export function rowless(parts: ModelParts): ModelParts {
  return {
    ...parts,
    y: new Float64Array(0),
    X: { ...parts.X, data: new Float64Array(0) },
    reterms: parts.reterms.map((term) => ({
      ...term,
      refs: new Int32Array(0),
      z: new Float64Array(0),
    })),
  };
}
