// The messages between the page and its fit worker. Plain JSON (structured-clone) only, so the
// worker can be restarted or replaced without the page knowing more than these shapes.
import type { VegaLiteSpec } from "mixedmodels";

/** One column as the page lists it. */
export interface ColumnDescription {
  readonly name: string;
  readonly type: "numeric" | "categorical";
  /** Number of levels, categorical columns only. */
  readonly levels?: number;
  /** Number of missing cells. */
  readonly missing: number;
}

export interface DatasetEntry {
  readonly name: string;
  readonly rName: string;
  readonly nrow: number;
  readonly description: string;
}

export type Family = "gaussian" | "bernoulli" | "binomial" | "poisson";

export type PageRequest =
  | { readonly type: "dataset"; readonly name: string }
  | { readonly type: "csv"; readonly text: string; readonly label: string }
  | {
      readonly type: "fit";
      readonly formula: string;
      readonly reml: boolean;
      readonly family: Family;
      /** Binomial trials column (a proportion response), or null. */
      readonly weights: string | null;
      /** Int32Array over a SharedArrayBuffer: the page sets [0] = 1 to cancel (if isolated). */
      readonly cancelFlag: SharedArrayBuffer | null;
    };

export interface FitPlots {
  readonly groups: readonly string[];
  readonly caterpillar: Readonly<Record<string, VegaLiteSpec>>;
  readonly qq: Readonly<Record<string, VegaLiteSpec>>;
  readonly residuals: VegaLiteSpec;
}

export type WorkerReply =
  | { readonly type: "ready"; readonly datasets: readonly DatasetEntry[] }
  | {
      readonly type: "table";
      readonly label: string;
      readonly nrow: number;
      readonly columns: readonly ColumnDescription[];
    }
  | {
      readonly type: "progress";
      readonly evaluation: number;
      readonly objective: number;
      readonly theta: readonly number[];
    }
  | {
      readonly type: "fitted";
      readonly milliseconds: number;
      readonly evaluations: number;
      readonly summaryHtml: string;
      readonly summaryMarkdown: string;
      readonly modelJson: string;
      readonly plots: FitPlots;
    }
  | { readonly type: "cancelled"; readonly evaluations: number }
  | { readonly type: "error"; readonly name: string; readonly message: string };
