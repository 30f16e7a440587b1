import { DataError, ModelError, type ModelWarningV1 } from "@mixedmodels/core";
import { type Family, type Link, family as resolveFamily } from "@mixedmodels/families";
import type { ModelParts } from "@mixedmodels/modelmatrix";

/** The response side of a GLMM: y (a proportion for the binomial), prior weights, offset. */
export interface GlmmResponse {
  readonly family: Family;
  readonly link: Link;
  /** Whether the link is the family's canonical one (then PIRLS steps are Newton steps). */
  readonly canonical: boolean;
  readonly y: Float64Array;
  /** Prior weights (binomial: trials), or null for all 1. */
  readonly priorWeights: Float64Array | null;
  /** Offset of the linear predictor, or null. */
  readonly offset: Float64Array | null;
}

/**
 * Whether a family reads a boolean or two-level factor response as 0/1 (the first level, FALSE,
 * the failure), as R's binomial() does.
 */
export function readsBinaryResponse(family: string): boolean {
  const name = family.trim().toLowerCase();
  return name === "bernoulli" || name === "binomial";
}

/** How a generalized model reads its response: family, link and an extra offset. */
export interface GlmmResponseOptions {
  /** bernoulli, binomial, poisson, gamma, inversegaussian or gaussian (R's and Julia's aliases). */
  readonly family: string;
  /** R's link names (logit, probit, cloglog, cauchit, log, identity, sqrt, inverse); canonical by default. */
  readonly link?: string;
  /**
   * An offset of the linear predictor besides the formula's `offset(...)` terms: a numeric column
   * name, or one value per input row (as `weights`).
   */
  readonly offset?: string | ArrayLike<number>;
}

/** The resolved response and the warnings its reading produced (one per kind, never per row). */
export interface PreparedResponse {
  readonly response: GlmmResponse;
  readonly warnings: ModelWarningV1[];
}

/** Families a GLMM fits without a dispersion parameter, reliably (as MixedModels.jl says). */
const RELIABLE = new Set(["bernoulli", "binomial", "poisson"]);

/**
 * Resolve the family and link (binomial without prior weights is Bernoulli, as glmer and
 * MixedModels.jl do), check the response against the family's support, and combine offsets.
 * @throws ModelError for an unknown family or link, or the Gaussian family with the identity
 *   link (a linear mixed model); DataError for a response or offset the family cannot take,
 *   naming the column and row.
 */
export function prepareResponse(parts: ModelParts, options: GlmmResponseOptions): PreparedResponse {
  const requested = options.family.trim().toLowerCase();
  const name = requested === "binomial" && parts.weights === null ? "bernoulli" : requested;
  const resolved = resolveFamily(name, options.link);
  const { family, link } = resolved;
  if (family.name === "gaussian" && link.name === "identity") {
    throw new ModelError(
      "the Gaussian family with the identity link is a linear mixed model: fit it with lmm()",
    );
  }
  const warnings: ModelWarningV1[] = resolved.warnings.map((w) => ({
    code: w.code,
    message: w.message,
  }));
  if (!RELIABLE.has(family.name)) {
    warnings.push({
      code: "dispersion-family",
      message: `the Laplace approximation for the ${family.name} family (which has a dispersion parameter) is less reliable than for Bernoulli, binomial and Poisson responses`,
    });
  }
  const rows = usedRows(parts);
  // glmm() and fromFormula pass buildModelParts' options here too: name the weights column.
  const weightsOption = (options as { readonly weights?: unknown }).weights;
  warnings.push(
    ...family.checkResponse(parts.y, {
      column: parts.responseName,
      rows,
      weights: parts.weights ?? undefined,
      weightsColumn: typeof weightsOption === "string" ? weightsOption : "weights",
    }),
  );
  return {
    response: {
      family,
      link,
      canonical: resolved.canonical,
      y: Float64Array.from(parts.y),
      priorWeights: parts.weights,
      offset: combinedOffset(parts, options.offset, rows),
    },
    warnings,
  };
}

/** The input row of every observation used (rows dropped for missing values are skipped). */
function usedRows(parts: ModelParts): Int32Array {
  const rows = new Int32Array(parts.n);
  let dropped = 0;
  let row = 0;
  for (let t = 0; t < parts.n; t++, row++) {
    while (dropped < parts.droppedRows.length && parts.droppedRows[dropped] === row) {
      dropped++;
      row++;
    }
    rows[t] = row;
  }
  return rows;
}

function combinedOffset(
  parts: ModelParts,
  extra: string | ArrayLike<number> | undefined,
  rows: Int32Array,
): Float64Array | null {
  const formulaOffset = parts.offset ?? null;
  // glmm() and fromFormula hand the same options to buildModelParts, which already summed this
  // offset into parts.offset: adding it here again would count it twice.
  if (extra === undefined || extra === parts.offsetOption)
    return formulaOffset === null ? null : Float64Array.from(formulaOffset);
  const name = typeof extra === "string" ? extra : "offset";
  const values = typeof extra === "string" ? offsetColumn(parts, extra) : extra;
  const inputRows = parts.n + parts.droppedRows.length;
  if (values.length !== inputRows) {
    throw new DataError(
      `the offset has ${values.length} values but the data has ${inputRows} rows`,
      {
        column: name,
      },
    );
  }
  const out = formulaOffset === null ? new Float64Array(parts.n) : Float64Array.from(formulaOffset);
  for (let t = 0; t < parts.n; t++) {
    const value = values[rows[t]];
    if (!Number.isFinite(value)) {
      throw new DataError(`the offset '${name}' is ${value} in row ${rows[t]}; it must be finite`, {
        column: name,
        row: rows[t],
      });
    }
    out[t] += value;
  }
  return out;
}

function offsetColumn(parts: ModelParts, name: string): Float64Array {
  const columns = parts.table.columns;
  const column = Object.hasOwn(columns, name) ? columns[name] : undefined;
  if (column === undefined) {
    throw new DataError(`the offset column '${name}' is not in the data`, { column: name });
  }
  if (column.kind !== "numeric") {
    throw new DataError(`the offset column '${name}' is not numeric`, { column: name });
  }
  return column.values;
}
