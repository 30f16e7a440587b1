import type { DataTable } from "@mixedmodels/core";
import { DataError } from "@mixedmodels/core";
import { DATASET_DESCRIPTIONS } from "./dataset-descriptions";
import {
  arabidopsis,
  cake,
  cbpp,
  dyestuff,
  dyestuff2,
  grouseticks,
  insteval,
  pastes,
  penicillin,
  sleepstudy,
  verbagg,
} from "./datasets";
import { encodedDatasetOf } from "./lazy-data-table";

/** The names `loadDataset` and `datasetInfo` accept (also case-insensitively, e.g. `"InstEval"`). */
// Written out (not `keyof typeof DATASET_DESCRIPTIONS`) so that the documentation lists the names;
// the descriptions' `satisfies Record<DatasetName, …>` and REGISTRY keep the three lists equal.
export type DatasetName =
  | "dyestuff"
  | "dyestuff2"
  | "penicillin"
  | "pastes"
  | "sleepstudy"
  | "insteval"
  | "cake"
  | "cbpp"
  | "verbagg"
  | "grouseticks"
  | "arabidopsis";

const REGISTRY: Record<DatasetName, DataTable> = {
  dyestuff,
  dyestuff2,
  penicillin,
  pastes,
  sleepstudy,
  insteval,
  cake,
  cbpp,
  verbagg,
  grouseticks,
  arabidopsis,
};

/** Every dataset this package ships, by the name of its export. */
// tsup bundles the package into one module, so a bundler cannot drop this file as a whole when
// only one dataset is imported: the annotations say these calls may go when `datasetNames` is
// unused, and with them REGISTRY and every other dataset (issue 15: sleepstudy alone had cost 783 kB).
export const datasetNames: readonly DatasetName[] = /* @__PURE__ */ Object.freeze(
  /* @__PURE__ */ Object.keys(REGISTRY) as DatasetName[],
);

function resolveName(name: string): DatasetName {
  const key = name.toLowerCase();
  if (Object.hasOwn(REGISTRY, key)) return key as DatasetName;
  throw new DataError(`unknown dataset '${name}'; available datasets: ${datasetNames.join(", ")}`);
}

/**
 * The dataset called `name` (case-insensitive: `"InstEval"` and `"insteval"` both work), the same
 * lazily decoded `DataTable` object as the named export.
 *
 * @throws DataError for an unknown name; the message lists the available ones.
 */
export function loadDataset(name: DatasetName | (string & {})): DataTable {
  return REGISTRY[resolveName(name)];
}

/** One column as `datasetInfo` describes it. */
export interface DatasetColumnInfo {
  readonly name: string;
  /** The column type in R: integer and numeric columns both load as numeric `Float64Array`s. */
  readonly type: "factor" | "integer" | "numeric";
  /** Levels in R's order (first = reference level); factors only. */
  readonly levels?: readonly string[];
  /** Whether R marks the factor as ordered; factors only. It loads as plain codes either way. */
  readonly ordered?: boolean;
}

/** What a dataset is, without decoding it. */
export interface DatasetInfo {
  /** The name of the package export (`insteval`). */
  readonly name: DatasetName;
  /** The name of the dataset in R (`InstEval`). */
  readonly rName: string;
  readonly source: string;
  readonly description: string;
  readonly citation: string;
  readonly nrow: number;
  readonly columns: readonly DatasetColumnInfo[];
}

/**
 * Source, description, citation, row count and column types of the dataset called `name`
 * (case-insensitive). Does not decode the data.
 *
 * @throws DataError for an unknown name.
 */
export function datasetInfo(name: DatasetName | (string & {})): DatasetInfo {
  const key = resolveName(name);
  const encoded = encodedDatasetOf(REGISTRY[key]);
  if (encoded === undefined) throw new DataError(`dataset '${name}' has no encoded form`);
  const columns = encoded.names.map((column): DatasetColumnInfo => {
    const spec = encoded.columns[column];
    if (spec.kind === "factor") {
      return { name: column, type: "factor", levels: spec.levels, ordered: spec.ordered };
    }
    return { name: column, type: spec.kind === "integer-digits" ? "integer" : spec.type };
  });
  return {
    name: key,
    rName: encoded.name,
    source: `${encoded.source} (exported from lme4 1.1-31, R 4.2.2)`,
    description: DATASET_DESCRIPTIONS[key].description,
    citation: DATASET_DESCRIPTIONS[key].citation,
    nrow: encoded.nrow,
    columns,
  };
}
