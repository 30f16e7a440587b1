import { assembleModule, op, valueType } from "./wasm-assembler";

/**
 * Emits the WebAssembly SIMD GEMM macro-kernel. Its one function,
 *
 *   tiles(mTiles, nTiles, kc, aPack, bPack, c, ldcBytes, accumulate)
 *
 * sets the (mTiles·MR)×(nTiles·NR) column-major block C at byte address `c` (column stride
 * `ldcBytes`) to Apack·Bpack, or adds Apack·Bpack to it when `accumulate` is nonzero. Apack holds
 * mTiles micro-panels of MR rows × kc (each stored k-major: MR consecutive values per k), Bpack
 * nTiles micro-panels of kc × NR (NR values per k). MR = 2·rowVectors. Accumulators live in
 * locals, which V8 keeps in registers when rowVectors·NR + rowVectors + 1 ≤ 16 (x64 has 16
 * vector registers); 4×4 tiles measured fastest (a 2-deep unrolled depth loop was slower).
 */
export function buildGemmKernelModule(rowVectors: number, nr: number): Uint8Array<ArrayBuffer> {
  const mr = 2 * rowVectors;
  const [mTiles, nTiles, kc, aPack, bPack, c, ldc, accumulate] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [jt, it, l, pa, pb, pc, column] = [8, 9, 10, 11, 12, 13, 14];
  const accumulatorBase = 15;
  const accumulator = (r: number, j: number) => accumulatorBase + r + j * rowVectors;
  const aBase = accumulatorBase + rowVectors * nr;
  const bLocal = aBase + rowVectors;
  const locals = [
    ...new Array<number>(7).fill(valueType.i32),
    ...new Array<number>(rowVectors * nr + rowVectors + 1).fill(valueType.v128),
  ] as (typeof valueType)[keyof typeof valueType][];

  const body: number[] = [];
  const emit = (...instructions: number[][]) => {
    for (const instruction of instructions) body.push(...instruction);
  };
  emit(op.i32Const(0), op.localSet(jt));
  // loop over micro-panels of B (jt), closed by the last end()
  emit(op.loop());
  emit(op.i32Const(0), op.localSet(it));
  // loop over micro-panels of A (it), closed by the second-to-last end()
  emit(op.loop());
  // pa = aPack + it·MR·8·kc; pb = bPack + jt·NR·8·kc; pc = c + it·MR·8 + jt·NR·ldc
  emit(op.localGet(aPack), op.localGet(it), op.localGet(kc), op.i32Mul());
  emit(op.i32Const(mr * 8), op.i32Mul(), op.i32Add(), op.localSet(pa));
  emit(op.localGet(bPack), op.localGet(jt), op.localGet(kc), op.i32Mul());
  emit(op.i32Const(nr * 8), op.i32Mul(), op.i32Add(), op.localSet(pb));
  emit(op.localGet(c), op.localGet(it), op.i32Const(mr * 8), op.i32Mul(), op.i32Add());
  emit(op.localGet(jt), op.i32Const(nr), op.i32Mul(), op.localGet(ldc), op.i32Mul());
  emit(op.i32Add(), op.localSet(pc));
  // accumulators ← the C tile (accumulate) or zero
  emit(op.localGet(accumulate), op.if());
  emit(op.localGet(pc), op.localSet(column));
  for (let j = 0; j < nr; j++) {
    for (let r = 0; r < rowVectors; r++) {
      emit(op.localGet(column), op.v128Load(16 * r), op.localSet(accumulator(r, j)));
    }
    if (j + 1 < nr) emit(op.localGet(column), op.localGet(ldc), op.i32Add(), op.localSet(column));
  }
  emit(op.else());
  for (let j = 0; j < nr; j++) {
    for (let r = 0; r < rowVectors; r++) emit(op.v128Zero(), op.localSet(accumulator(r, j)));
  }
  emit(op.end());
  emit(op.localGet(kc), op.localSet(l));
  // loop over the depth (l counts down from kc), closed right after the pointer bumps
  emit(op.loop());
  for (let r = 0; r < rowVectors; r++) {
    emit(op.localGet(pa), op.v128Load(16 * r), op.localSet(aBase + r));
  }
  for (let j = 0; j < nr; j++) {
    emit(op.localGet(pb), op.v128Load64Splat(8 * j), op.localSet(bLocal));
    for (let r = 0; r < rowVectors; r++) {
      emit(op.localGet(accumulator(r, j)), op.localGet(aBase + r), op.localGet(bLocal));
      emit(op.f64x2Mul(), op.f64x2Add(), op.localSet(accumulator(r, j)));
    }
  }
  emit(op.localGet(pa), op.i32Const(mr * 8), op.i32Add(), op.localSet(pa));
  emit(op.localGet(pb), op.i32Const(nr * 8), op.i32Add(), op.localSet(pb));
  emit(op.localGet(l), op.i32Const(1), op.i32Sub(), op.localTee(l), op.brIf(0));
  emit(op.end());
  for (let j = 0; j < nr; j++) {
    for (let r = 0; r < rowVectors; r++) {
      emit(op.localGet(pc), op.localGet(accumulator(r, j)), op.v128Store(16 * r));
    }
    if (j + 1 < nr) emit(op.localGet(pc), op.localGet(ldc), op.i32Add(), op.localSet(pc));
  }
  emit(op.localGet(it), op.i32Const(1), op.i32Add(), op.localTee(it));
  emit(op.localGet(mTiles), op.i32LtS(), op.brIf(0));
  emit(op.end());
  emit(op.localGet(jt), op.i32Const(1), op.i32Add(), op.localTee(jt));
  emit(op.localGet(nTiles), op.i32LtS(), op.brIf(0));
  emit(op.end());

  const i32 = valueType.i32;
  return assembleModule(
    [
      {
        name: "tiles",
        params: [i32, i32, i32, i32, i32, i32, i32, i32],
        results: [],
        locals,
        body,
      },
    ],
    1,
  );
}
