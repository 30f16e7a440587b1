import type { MinimizeResultV1 } from "@mixedmodels/core";
import type { FitSettings } from "./fit-settings";
import type { FitLogEntry, OptimizationSummary } from "./model-types";

/** What a fit knows at its end, in the parameters it reports (the user's, not the system's). */
export interface OptimizationRecord {
  readonly optimizer: string;
  readonly fitLog: readonly FitLogEntry[];
  readonly result: MinimizeResultV1;
  readonly settings: FitSettings;
  readonly initialTheta: ArrayLike<number>;
  readonly initialObjective: number;
  readonly finalTheta: ArrayLike<number>;
  readonly finalObjective: number;
}

/** The optimization summary both model kinds keep (MixedModels.jl's OptSummary). */
export function optimizationSummary(record: OptimizationRecord): OptimizationSummary {
  const { result, settings } = record;
  return {
    optimizer: record.optimizer,
    evaluations: record.fitLog.length,
    status: result.status,
    converged: result.status === "converged",
    message: result.message,
    initialTheta: Array.from(record.initialTheta),
    initialObjective: record.initialObjective,
    finalTheta: Array.from(record.finalTheta),
    finalObjective: record.finalObjective,
    ftolRel: settings.ftolRel,
    ftolAbs: settings.ftolAbs,
    xtolAbs: settings.xtolAbs,
    initialStep: Array.from(settings.initialStep),
    fitLog: record.fitLog,
  };
}

/** A saved summary as a model keeps it after restoring (its own copy of the fit log). */
export function restoredSummary(optsum: OptimizationSummary): OptimizationSummary {
  return { ...optsum, fitLog: [...optsum.fitLog] };
}
