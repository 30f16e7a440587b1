export { DataError } from "./data-error";
export { DimensionMismatchError } from "./dimension-mismatch-error";
export { FitAbortedError } from "./fit-aborted-error";
export { FormulaSyntaxError } from "./formula-syntax-error";
export { MixedModelsError } from "./mixed-models-error";
export { ModelError } from "./model-error";
export { NotPositiveDefiniteError } from "./not-positive-definite-error";
export { UnsupportedKernelError } from "./unsupported-kernel-error";
