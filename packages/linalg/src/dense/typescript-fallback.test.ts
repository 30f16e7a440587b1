import { describe, expect, it, vi } from "vitest";
import { gemm } from "./gemm";
import { denseKernelBackend } from "./kernel-backend";
import { potrf } from "./potrf";
import { createRandom, randomMatrix, randomSpdMatrix } from "./random-matrices";
import { referenceGemm, referencePotrf, referenceSyrk } from "./reference";
import { syrk } from "./syrk";

// A runtime without WebAssembly SIMD: the kernel reports itself unavailable.
vi.mock("./wasm/simd-gemm", () => ({
  simdGemmAvailable: () => false,
  simdGemmUpdate: () => false,
}));

describe("dense kernels without WebAssembly SIMD", () => {
  it("fall back to the TypeScript loops with the same results", () => {
    expect(denseKernelBackend()).toBe("typescript");
    const random = createRandom(5);
    const n = 90;
    const a = randomMatrix(random, n, n);
    const b = randomMatrix(random, n, n);
    const c = randomMatrix(random, n, n);
    const fast = Float64Array.from(c);
    const slow = Float64Array.from(c);
    gemm(true, false, n, n, n, -1.5, a, 0, n, b, 0, n, 0.5, fast, 0, n);
    referenceGemm(true, false, n, n, n, -1.5, a, 0, n, b, 0, n, 0.5, slow, 0, n);
    expect(fast).toEqual(slow);
    const fastSyrk = Float64Array.from(c);
    const slowSyrk = Float64Array.from(c);
    syrk(n, n, 2, a, 0, n, 0, fastSyrk, 0, n);
    referenceSyrk(n, n, 2, a, 0, n, 0, slowSyrk, 0, n);
    expect(fastSyrk).toEqual(slowSyrk);
    const spd = randomSpdMatrix(random, 150);
    const factor = Float64Array.from(spd);
    const reference = Float64Array.from(spd);
    expect(potrf(150, factor, 0, 150)).toBe(-1);
    expect(referencePotrf(150, reference, 0, 150)).toBe(-1);
    for (let j = 0; j < 150; j++) {
      for (let i = j; i < 150; i++) {
        expect(Math.abs(factor[i + j * 150] - reference[i + j * 150])).toBeLessThan(1e-10);
      }
    }
  });
});
