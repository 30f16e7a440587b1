import { buildGemmKernelModule } from "./gemm-kernel-module";

/**
 * Blocked GEMM update C += alpha·op(A)·op(B) driven from TypeScript around the WebAssembly SIMD
 * macro-kernel (Goto/BLIS layout): op(B) is packed kc×nc into NR-wide micro-panels, op(A) mc×kc
 * into MR-tall micro-panels, the kernel accumulates the product of a whole column panel over all
 * depth blocks in a scratch area of wasm memory, and TypeScript adds that into C once. Operands
 * stay in the caller's arrays; only packed copies enter wasm memory, which grows (to at most
 * about 10 MB) when a taller panel needs more scratch and is kept for later calls.
 */

const microRows = 4;
const microCols = 4;
/** Rows of op(A) per packed block (fits L2 with kc). */
const blockRows = 64;
/** Depth per packed block. */
const blockDepth = 256;
/** Columns of op(B) per packed panel. */
const blockCols = 512;
/** Rows of C per scratch pass (a multiple of blockRows): bounds the scratch to 8 MB. */
const chunkRows = 2048;

const packedAAddress = 0;
const packedBAddress = packedAAddress + blockRows * blockDepth * 8;
const scratchAddress = packedBAddress + blockDepth * blockCols * 8;
const pageBytes = 65536;

type TilesFunction = (
  mTiles: number,
  nTiles: number,
  kc: number,
  aPack: number,
  bPack: number,
  c: number,
  ldcBytes: number,
  accumulate: number,
) => void;

interface SimdKernel {
  tiles: TilesFunction;
  wasmMemory: WebAssembly.Memory;
  /** View of the whole wasm memory; replaced whenever the memory grows. */
  memory: Float64Array;
}

let kernel: SimdKernel | null | undefined;

/** The instantiated kernel, or null when this runtime lacks WebAssembly SIMD. */
function loadKernel(): SimdKernel | null {
  if (kernel !== undefined) return kernel;
  kernel = null;
  try {
    const bytes = buildGemmKernelModule(microRows / 2, microCols);
    if (typeof WebAssembly === "undefined" || !WebAssembly.validate(bytes)) return kernel;
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    const wasmMemory = instance.exports.memory as WebAssembly.Memory;
    kernel = {
      tiles: instance.exports.tiles as TilesFunction,
      wasmMemory,
      memory: new Float64Array(wasmMemory.buffer),
    };
    ensureMemory(kernel, scratchAddress + blockRows * blockCols * 8);
  } catch {
    kernel = null;
  }
  return kernel;
}

function ensureMemory(simd: SimdKernel, bytes: number): void {
  const missingPages = Math.ceil((bytes - simd.wasmMemory.buffer.byteLength) / pageBytes);
  if (missingPages <= 0) return;
  simd.wasmMemory.grow(missingPages);
  simd.memory = new Float64Array(simd.wasmMemory.buffer);
}

/** True when the SIMD kernel can run here; otherwise callers use the TypeScript kernels. */
export function simdGemmAvailable(): boolean {
  return loadKernel() !== null;
}

/**
 * C += alpha·op(A)·op(B) with C m×n, op(A) m×k, op(B) k×n (column-major, offsets and leading
 * dimensions as in BLAS). With `lowerOnly` (m = n), only entries on or below C's diagonal are
 * written. Returns false, touching nothing, when the SIMD kernel is unavailable.
 */
export function simdGemmUpdate(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  offsetA: number,
  lda: number,
  b: Float64Array,
  offsetB: number,
  ldb: number,
  c: Float64Array,
  offsetC: number,
  ldc: number,
  lowerOnly: boolean,
): boolean {
  const simd = loadKernel();
  if (simd === null) return false;
  if (m === 0 || n === 0 || k === 0) return true;
  ensureMemory(simd, scratchAddress + scratchBytes(m, n));
  const memory = simd.memory;
  for (let jc = 0; jc < n; jc += blockCols) {
    const nc = Math.min(blockCols, n - jc);
    // In a lower-only update, rows above this panel's first column contribute nothing.
    const firstRow = lowerOnly ? jc : 0;
    // Rows go in chunks so the scratch (chunk × panel) stays bounded however tall C is.
    for (let chunk = firstRow; chunk < m; chunk += chunkRows) {
      const chunkEnd = Math.min(m, chunk + chunkRows);
      const scratchLd = Math.ceil((chunkEnd - chunk) / microRows) * microRows;
      for (let pc = 0; pc < k; pc += blockDepth) {
        const kc = Math.min(blockDepth, k - pc);
        packB(transB, kc, nc, alpha, b, offsetB, ldb, pc, jc, memory);
        for (let ic = chunk; ic < chunkEnd; ic += blockRows) {
          const mc = Math.min(blockRows, chunkEnd - ic);
          packA(transA, mc, kc, a, offsetA, lda, ic, pc, memory);
          const nTiles = Math.ceil(usedColumns(lowerOnly, nc, ic, mc, jc) / microCols);
          const scratch = scratchAddress + (ic - chunk) * 8;
          const accumulate = pc > 0 ? 1 : 0;
          const mTiles = Math.ceil(mc / microRows);
          simd.tiles(
            mTiles,
            nTiles,
            kc,
            packedAAddress,
            packedBAddress,
            scratch,
            scratchLd * 8,
            accumulate,
          );
        }
      }
      for (let ic = chunk; ic < chunkEnd; ic += blockRows) {
        const mc = Math.min(blockRows, chunkEnd - ic);
        const diagonalOffset = lowerOnly ? jc - ic : Number.NEGATIVE_INFINITY;
        const source = scratchAddress / 8 + (ic - chunk);
        const ncUsed = usedColumns(lowerOnly, nc, ic, mc, jc);
        const target = offsetC + ic + jc * ldc;
        addScratch(mc, ncUsed, memory, source, scratchLd, c, target, ldc, diagonalOffset);
      }
    }
  }
  return true;
}

/**
 * Bytes of scratch a product with C m×n needs: the kernel writes whole MR×NR tiles, so both the
 * tallest row chunk and the widest column panel are rounded up to the tile size. (Rounding only
 * the rows let a panel narrower than `blockCols` whose width is not a multiple of NR, such as the
 * 1853×463 update inside `potrf` of order 3706, write up to NR − 1 columns past the end of wasm
 * memory whenever the page rounding left less slack than that.)
 */
function scratchBytes(m: number, n: number): number {
  const tallestChunk = roundUp(Math.min(m, chunkRows), microRows);
  const widestPanel = roundUp(Math.min(n, blockCols), microCols);
  return tallestChunk * widestPanel * 8;
}

function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}

/** Columns of the panel a row block needs: in a lower-only update, none right of its last row. */
function usedColumns(lowerOnly: boolean, nc: number, ic: number, mc: number, jc: number): number {
  return lowerOnly ? Math.min(nc, ic + mc - jc) : nc;
}

/**
 * Packs rows ic..ic+mc of op(A), depth pc..pc+kc, into MR-row micro-panels (k-major), padding the
 * last panel with zeros.
 */
function packA(
  transA: boolean,
  mc: number,
  kc: number,
  a: Float64Array,
  offsetA: number,
  lda: number,
  ic: number,
  pc: number,
  memory: Float64Array,
): void {
  let dst = packedAAddress / 8;
  for (let i0 = 0; i0 < mc; i0 += microRows) {
    const rows = Math.min(microRows, mc - i0);
    if (!transA) {
      let src = offsetA + ic + i0 + pc * lda;
      if (rows === microRows) {
        for (let l = 0; l < kc; l++, src += lda, dst += 4) {
          memory[dst] = a[src];
          memory[dst + 1] = a[src + 1];
          memory[dst + 2] = a[src + 2];
          memory[dst + 3] = a[src + 3];
        }
      } else {
        for (let l = 0; l < kc; l++, src += lda, dst += 4) {
          for (let r = 0; r < microRows; r++) memory[dst + r] = r < rows ? a[src + r] : 0;
        }
      }
    } else {
      // op(A)[i, l] = A[l, i]: each micro-panel row is a contiguous stretch of a column of A.
      for (let r = 0; r < microRows; r++) {
        if (r < rows) {
          const src = offsetA + pc + (ic + i0 + r) * lda;
          for (let l = 0; l < kc; l++) memory[dst + r + 4 * l] = a[src + l];
        } else {
          for (let l = 0; l < kc; l++) memory[dst + r + 4 * l] = 0;
        }
      }
      dst += 4 * kc;
    }
  }
}

/**
 * Packs columns jc..jc+nc of alpha·op(B), depth pc..pc+kc, into NR-column micro-panels (k-major),
 * padding the last panel with zeros.
 */
function packB(
  transB: boolean,
  kc: number,
  nc: number,
  alpha: number,
  b: Float64Array,
  offsetB: number,
  ldb: number,
  pc: number,
  jc: number,
  memory: Float64Array,
): void {
  let dst = packedBAddress / 8;
  for (let j0 = 0; j0 < nc; j0 += microCols) {
    const cols = Math.min(microCols, nc - j0);
    if (!transB) {
      // op(B)[l, j] = B[l, j]: each micro-panel column is a contiguous stretch of a column of B.
      for (let r = 0; r < microCols; r++) {
        if (r < cols) {
          const src = offsetB + pc + (jc + j0 + r) * ldb;
          for (let l = 0; l < kc; l++) memory[dst + r + 4 * l] = alpha * b[src + l];
        } else {
          for (let l = 0; l < kc; l++) memory[dst + r + 4 * l] = 0;
        }
      }
      dst += 4 * kc;
    } else {
      let src = offsetB + jc + j0 + pc * ldb;
      if (cols === microCols) {
        for (let l = 0; l < kc; l++, src += ldb, dst += 4) {
          memory[dst] = alpha * b[src];
          memory[dst + 1] = alpha * b[src + 1];
          memory[dst + 2] = alpha * b[src + 2];
          memory[dst + 3] = alpha * b[src + 3];
        }
      } else {
        for (let l = 0; l < kc; l++, src += ldb, dst += 4) {
          for (let r = 0; r < microCols; r++) memory[dst + r] = r < cols ? alpha * b[src + r] : 0;
        }
      }
    }
  }
}

/**
 * c[i, j] += scratch[i, j] for the mc×nc block, only where i ≥ j + diagonalOffset: that is the
 * global lower triangle when diagonalOffset = (column origin − row origin), everything when −∞.
 */
function addScratch(
  mc: number,
  nc: number,
  memory: Float64Array,
  source: number,
  scratchLd: number,
  c: Float64Array,
  offsetC: number,
  ldc: number,
  diagonalOffset: number,
): void {
  for (let j = 0; j < nc; j++) {
    const first = Math.max(0, Math.min(mc, j + diagonalOffset));
    const src = source + j * scratchLd;
    const dst = offsetC + j * ldc;
    for (let i = first; i < mc; i++) c[dst + i] += memory[src + i];
  }
}
