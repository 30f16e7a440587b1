import type { MinimizeResultV1, ModelWarningV1 } from "@mixedmodels/core";
import type { ModelParts } from "@mixedmodels/modelmatrix";

/**
 * The structured warnings every fitted model may carry: the optimizer's status when it did not
 * converge, a rank-deficient X (by the dropped names), and a singular fit.
 */
export function fitWarnings(
  optimizer: string,
  result: MinimizeResultV1,
  parts: ModelParts,
  singular: boolean,
): ModelWarningV1[] {
  const warnings: ModelWarningV1[] = [];
  if (result.status !== "converged") {
    const code =
      result.status === "maxEvaluations"
        ? "max-evaluations"
        : result.status === "aborted"
          ? "aborted"
          : "not-converged";
    warnings.push({ code, message: `optimizer ${optimizer}: ${result.message}` });
  }
  if (parts.X.aliased.length > 0 && parts.X.allNames.length > 1) {
    warnings.push({
      code: "rank-deficient",
      message: `fixed-effects matrix is rank deficient; dropped: ${parts.X.aliased.join(", ")}`,
    });
  }
  if (singular) {
    warnings.push({
      code: "singular",
      message: "singular fit: some linear combination of the random effects has zero variance",
    });
  }
  return warnings;
}
