import { assembleModule, op, valueType } from "../dense/wasm/wasm-assembler";
import { rankUpdateByColumnBody } from "./wasm-rank-update";

/*
 * Two block kernels of the blocked factorization in WebAssembly, for the large crossed case
 * (InstEval): the rows below a crossed term, T −= A·Sᵀ with S sparse (SIMD over the rows of T),
 * and the rank update of a sparse-cholesky block, t[position] −= s_p·s_q over every pair of a
 * column of S (scalar, but free of the bounds checks and deoptimization guards of the same loop
 * in JavaScript; its body is in wasm-rank-update.ts). Each prepared kernel owns an instance whose
 * memory holds the fixed structure (column pointers, row indices) once; the values are copied in
 * and out per call.
 */

const i32Load = (offset: number) => [0x28, 2, offset];
const i32GeS = () => [0x4e];
const i32Shl = () => [0x74];
const i32And = () => [0x71];

// subtractDenseSparse(m, cols, colPtrAt, rowIdxAt, valuesAt, aAt, tAt): byte addresses.
const DS = {
  m: 0,
  cols: 1,
  colPtrAt: 2,
  rowIdxAt: 3,
  valuesAt: 4,
  aAt: 5,
  tAt: 6,
  k: 7,
  q: 8,
  qEnd: 9,
  colA: 10,
  column: 11,
  r: 12,
  evenBytes: 13,
  splat: 14,
};

const subtractDenseSparseBody = [
  // evenBytes = (m & ~1) · 8
  ...op.localGet(DS.m),
  ...op.i32Const(-2),
  ...i32And(),
  ...op.i32Const(3),
  ...i32Shl(),
  ...op.localSet(DS.evenBytes),
  ...op.i32Const(0),
  ...op.localSet(DS.k),
  ...op.block(),
  ...op.loop(),
  ...op.localGet(DS.k),
  ...op.localGet(DS.cols),
  ...i32GeS(),
  ...op.brIf(1),
  // q = colPtr[k], qEnd = colPtr[k + 1]
  ...op.localGet(DS.colPtrAt),
  ...op.localGet(DS.k),
  ...op.i32Const(2),
  ...i32Shl(),
  ...op.i32Add(),
  ...op.localTee(DS.q),
  ...i32Load(4),
  ...op.localSet(DS.qEnd),
  ...op.localGet(DS.q),
  ...i32Load(0),
  ...op.localSet(DS.q),
  // colA = aAt + k·m·8
  ...op.localGet(DS.aAt),
  ...op.localGet(DS.k),
  ...op.localGet(DS.m),
  ...op.i32Mul(),
  ...op.i32Const(3),
  ...i32Shl(),
  ...op.i32Add(),
  ...op.localSet(DS.colA),
  ...op.block(),
  ...op.loop(),
  ...op.localGet(DS.q),
  ...op.localGet(DS.qEnd),
  ...i32GeS(),
  ...op.brIf(1),
  // column = tAt + rowIdx[q]·m·8
  ...op.localGet(DS.tAt),
  ...op.localGet(DS.rowIdxAt),
  ...op.localGet(DS.q),
  ...op.i32Const(2),
  ...i32Shl(),
  ...op.i32Add(),
  ...i32Load(0),
  ...op.localGet(DS.m),
  ...op.i32Mul(),
  ...op.i32Const(3),
  ...i32Shl(),
  ...op.i32Add(),
  ...op.localSet(DS.column),
  // splat = (v, v) with v = values[q]
  ...op.localGet(DS.valuesAt),
  ...op.localGet(DS.q),
  ...op.i32Const(3),
  ...i32Shl(),
  ...op.i32Add(),
  ...op.v128Load64Splat(0),
  ...op.localSet(DS.splat),
  ...op.i32Const(0),
  ...op.localSet(DS.r),
  ...op.block(),
  ...op.loop(),
  ...op.localGet(DS.r),
  ...op.localGet(DS.evenBytes),
  ...i32GeS(),
  ...op.brIf(1),
  // t[column + r] −= a[colA + r]·splat, two rows at a time
  ...op.localGet(DS.column),
  ...op.localGet(DS.r),
  ...op.i32Add(),
  ...op.localGet(DS.column),
  ...op.localGet(DS.r),
  ...op.i32Add(),
  ...op.v128Load(0),
  ...op.localGet(DS.colA),
  ...op.localGet(DS.r),
  ...op.i32Add(),
  ...op.v128Load(0),
  ...op.localGet(DS.splat),
  ...op.f64x2Mul(),
  ...op.f64x2Sub(),
  ...op.v128Store(0),
  ...op.localGet(DS.r),
  ...op.i32Const(16),
  ...op.i32Add(),
  ...op.localSet(DS.r),
  ...op.br(0),
  ...op.end(),
  ...op.end(),
  // An odd last row.
  ...op.localGet(DS.m),
  ...op.i32Const(1),
  ...i32And(),
  ...op.if(),
  ...op.localGet(DS.column),
  ...op.localGet(DS.evenBytes),
  ...op.i32Add(),
  ...op.localGet(DS.column),
  ...op.localGet(DS.evenBytes),
  ...op.i32Add(),
  ...op.f64Load(0),
  ...op.localGet(DS.colA),
  ...op.localGet(DS.evenBytes),
  ...op.i32Add(),
  ...op.f64Load(0),
  ...op.localGet(DS.valuesAt),
  ...op.localGet(DS.q),
  ...op.i32Const(3),
  ...i32Shl(),
  ...op.i32Add(),
  ...op.f64Load(0),
  ...op.f64Mul(),
  ...op.f64Sub(),
  ...op.f64Store(0),
  ...op.end(),
  ...op.localGet(DS.q),
  ...op.i32Const(1),
  ...op.i32Add(),
  ...op.localSet(DS.q),
  ...op.br(0),
  ...op.end(),
  ...op.end(),
  ...op.localGet(DS.k),
  ...op.i32Const(1),
  ...op.i32Add(),
  ...op.localSet(DS.k),
  ...op.br(0),
  ...op.end(),
  ...op.end(),
];

const i32 = valueType.i32;
let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null without WebAssembly SIMD (callers then use their JS loops). */
function blockKernelModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    const bytes = assembleModule(
      [
        {
          name: "subtractDenseSparse",
          params: [i32, i32, i32, i32, i32, i32, i32],
          results: [],
          locals: [i32, i32, i32, i32, i32, i32, i32, valueType.v128],
          body: subtractDenseSparseBody,
        },
        {
          name: "rankUpdateByColumn",
          params: [i32, i32, i32, i32, i32, i32, i32, i32, i32, i32],
          results: [i32],
          locals: [i32, i32, i32, i32, i32, i32, i32, i32, valueType.f64],
          body: rankUpdateByColumnBody,
        },
      ],
      1,
    );
    if (typeof WebAssembly !== "undefined" && WebAssembly.validate(bytes)) {
      compiled = new WebAssembly.Module(bytes);
    }
  } catch {
    compiled = null;
  }
  return compiled;
}

/** An instance with at least `bytes` of memory, or null without WebAssembly SIMD. */
function instanceWithMemory(
  bytes: number,
): { exports: WebAssembly.Exports; memory: WebAssembly.Memory } | null {
  const module = blockKernelModule();
  if (module === null) return null;
  const instance = new WebAssembly.Instance(module, {});
  const memory = instance.exports.memory as WebAssembly.Memory;
  const pages = Math.ceil(bytes / 65536);
  if (pages > 1) memory.grow(pages - 1);
  return { exports: instance.exports, memory };
}

/** Round a byte count up to 16 (so f64 and v128 data stay aligned). */
const align = (bytes: number) => Math.ceil(bytes / 16) * 16;

/**
 * T (m×n) −= A (m×k)·Sᵀ for a fixed sparse S (n×k, CSC structure copied in once), or null when
 * WebAssembly SIMD is unavailable. The returned function takes the current value arrays.
 */
export function createWasmDenseSparseSubtract(
  m: number,
  n: number,
  colPtr: Int32Array,
  rowIdx: Int32Array,
): ((t: Float64Array, a: Float64Array, values: Float64Array) => void) | null {
  const k = colPtr.length - 1;
  const nonzeros = colPtr[k];
  const colPtrAt = 0;
  const rowIdxAt = align(colPtrAt + 4 * (k + 1));
  const valuesAt = align(rowIdxAt + 4 * nonzeros);
  const aAt = align(valuesAt + 8 * nonzeros);
  const tAt = align(aAt + 8 * m * k);
  const end = tAt + 8 * m * n;
  const instance = instanceWithMemory(end);
  if (instance === null) return null;
  const buffer = instance.memory.buffer;
  new Int32Array(buffer, colPtrAt, k + 1).set(colPtr);
  new Int32Array(buffer, rowIdxAt, nonzeros).set(rowIdx.subarray(0, nonzeros));
  const valuesView = new Float64Array(buffer, valuesAt, nonzeros);
  const aView = new Float64Array(buffer, aAt, m * k);
  const tView = new Float64Array(buffer, tAt, m * n);
  const run = instance.exports.subtractDenseSparse as (...args: number[]) => void;
  return (t, a, values) => {
    valuesView.set(values.subarray(0, nonzeros));
    aView.set(a.subarray(0, m * k));
    tView.set(t.subarray(0, m * n));
    run(m, k, colPtrAt, rowIdxAt, valuesAt, aAt, tAt);
    t.set(tView);
  };
}

/**
 * t (the target's values, `targetLength` entries) −= S·Sᵀ on the target's pattern, with the
 * products of the entries of S grouped by row (`groupPtr`, `entry`, `end` as `entriesByRow`
 * gives them) and found through the pattern of each target column (`targetPtr`, `targetRows`)
 * instead of a precomputed position per product; or null without WebAssembly SIMD. The returned
 * function takes the current value arrays and answers −1, or the first entry with a product
 * outside the pattern (t is then partly updated).
 */
export function createWasmRankUpdateByColumn(
  groupPtr: Int32Array,
  entry: Int32Array,
  end: Int32Array,
  rowIdx: Int32Array,
  targetPtr: Int32Array,
  targetRows: Int32Array,
  targetLength: number,
): ((t: Float64Array, values: Float64Array) => number) | null {
  const n = groupPtr.length - 1;
  const entries = entry.length;
  let nonzeros = 0;
  for (let e = 0; e < entries; e++) nonzeros = Math.max(nonzeros, end[e]);
  const patternEntries = targetPtr[n];
  const groupPtrAt = 0;
  const entryAt = align(groupPtrAt + 4 * (n + 1));
  const endAt = align(entryAt + 4 * entries);
  const rowIdxAt = align(endAt + 4 * entries);
  const targetPtrAt = align(rowIdxAt + 4 * nonzeros);
  const targetRowsAt = align(targetPtrAt + 4 * (n + 1));
  const whereAt = align(targetRowsAt + 4 * patternEntries);
  const valuesAt = align(whereAt + 4 * n);
  const tAt = align(valuesAt + 8 * nonzeros);
  const instance = instanceWithMemory(tAt + 8 * targetLength);
  if (instance === null) return null;
  const buffer = instance.memory.buffer;
  new Int32Array(buffer, groupPtrAt, n + 1).set(groupPtr);
  new Int32Array(buffer, entryAt, entries).set(entry);
  new Int32Array(buffer, endAt, entries).set(end);
  new Int32Array(buffer, rowIdxAt, nonzeros).set(rowIdx.subarray(0, nonzeros));
  new Int32Array(buffer, targetPtrAt, n + 1).set(targetPtr.subarray(0, n + 1));
  new Int32Array(buffer, targetRowsAt, patternEntries).set(targetRows.subarray(0, patternEntries));
  const whereView = new Int32Array(buffer, whereAt, n);
  whereView.fill(-1);
  const valuesView = new Float64Array(buffer, valuesAt, nonzeros);
  const tView = new Float64Array(buffer, tAt, targetLength);
  const run = instance.exports.rankUpdateByColumn as (...args: number[]) => number;
  return (t, values) => {
    valuesView.set(values.subarray(0, nonzeros));
    tView.set(t.subarray(0, targetLength));
    const missing = run(
      n,
      groupPtrAt,
      entryAt,
      endAt,
      rowIdxAt,
      targetPtrAt,
      targetRowsAt,
      whereAt,
      valuesAt,
      tAt,
    );
    t.set(tView);
    // A stop leaves the column it was in marked.
    if (missing >= 0) whereView.fill(-1);
    return missing;
  };
}
