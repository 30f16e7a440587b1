import { MixedModelsError } from "./mixed-models-error";

/** The blocked Cholesky met a (target, source) pair of block types it has no kernel for. */
export class UnsupportedKernelError extends MixedModelsError {
  constructor(operation: string, target: string, source: string) {
    super(
      "UNSUPPORTED_KERNEL",
      `no ${operation} kernel for target block type ${target} and source block type ${source}`,
    );
    this.name = "UnsupportedKernelError";
  }
}
