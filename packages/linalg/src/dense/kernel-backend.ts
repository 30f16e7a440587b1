import { simdGemmAvailable } from "./wasm/simd-gemm";

/**
 * Which implementation the dense kernels use for large products in this runtime:
 * "wasm-simd" (the WebAssembly SIMD GEMM kernel) or "typescript" (plain loops, when the runtime
 * lacks WebAssembly SIMD or forbids compiling WebAssembly). Results agree up to rounding.
 */
export function denseKernelBackend(): "wasm-simd" | "typescript" {
  return simdGemmAvailable() ? "wasm-simd" : "typescript";
}
