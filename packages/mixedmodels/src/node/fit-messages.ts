import type { DataTable } from "@mixedmodels/core";
import type { LmmOptions } from "../lmm";
import type { SavedLinearFit } from "../saved-fit/save-fit";

/** What the main thread sends the fitting worker: plain, structured-clonable data only. */
export interface FitRequest {
  readonly formula: string;
  readonly data: DataTable;
  readonly options: LmmOptions;
  readonly fit: {
    readonly reml?: boolean;
    readonly maxEvaluations?: number;
    readonly ftolRel?: number;
    readonly ftolAbs?: number;
    readonly xtolAbs?: number;
  };
  readonly progress: boolean;
}

/** What the worker answers: progress lines, then the saved fit or an error. */
export type FitReply =
  | {
      readonly kind: "progress";
      readonly evaluation: number;
      readonly theta: Float64Array;
      readonly value: number;
    }
  | { readonly kind: "done"; readonly saved: SavedLinearFit }
  | {
      readonly kind: "error";
      readonly name: string;
      readonly message: string;
      readonly code?: string;
      readonly column?: string;
      readonly row?: number;
    };
