import type { MinimizeResultV1, ModelWarningV1 } from "@mixedmodels/core";
import type { ModelParts } from "@mixedmodels/modelmatrix";

/**
 * How the model parts were built (a response also on the right-hand side dropped, a bar read as
 * lme4 reads it, non-integer cbind counts): copies, with their column or term.
 */
export function partsWarnings(parts: ModelParts): ModelWarningV1[] {
  return (parts.warnings ?? []).map((warning) => ({ ...warning }));
}

/**
 * The structured warnings every fitted model may carry: those of its parts, the optimizer's
 * status when it did not converge, a rank-deficient X (by the dropped names), and a singular fit.
 */
export function fitWarnings(
  optimizer: string,
  result: MinimizeResultV1,
  parts: ModelParts,
  singular: boolean,
): ModelWarningV1[] {
  const warnings: ModelWarningV1[] = partsWarnings(parts);
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
