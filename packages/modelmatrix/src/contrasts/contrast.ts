import { DataError } from "@mixedmodels/core";

/** Names of the built-in codings; each is also accepted as a string shorthand. */
export type ContrastType = "treatment" | "sum" | "effects" | "helmert" | "seqdiff" | "fulldummy";

/**
 * How a categorical variable becomes columns of X (or of a random-effects term).
 *
 * - `treatment` (default, R's `contr.treatment`, MixedModels' `DummyCoding`): one indicator per
 *   level except `base` (default: the first level).
 * - `sum` / `effects` (R's `contr.sum`, MixedModels' `EffectsCoding`): like treatment, but rows of
 *   `base` are −1 everywhere; default `base` is the LAST level, as in R.
 * - `helmert` (R's `contr.helmert`): column j contrasts level j+1 with the mean of levels 1..j.
 * - `seqdiff` (MASS's `contr.sdif`): coefficients are differences of successive levels.
 * - `fulldummy`: one indicator per level, no contrast (as `fulldummy(f)` in a formula).
 * - `matrix`: a user matrix, one row per level (in `levels` order, default the column's level
 *   order) and one column per entry of `labels`.
 */
export type Contrast =
  | ContrastType
  | { readonly type: "treatment"; readonly base?: string }
  | { readonly type: "sum" | "effects"; readonly base?: string }
  | { readonly type: "helmert" }
  | { readonly type: "seqdiff" }
  | { readonly type: "fulldummy" }
  | {
      readonly type: "matrix";
      readonly matrix: ReadonlyArray<ReadonlyArray<number>>;
      readonly labels: readonly string[];
      readonly levels?: readonly string[];
    };

/** A coding of L levels into m columns. */
export interface ContrastMatrix {
  readonly levelCount: number;
  readonly columnCount: number;
  /** L×m, column-major: values[j*L + level]. */
  readonly values: Float64Array;
  /** Column suffixes in lme4's style: `B` for treatment, `1`, `2` for sum and Helmert, `B-A` for seqdiff. */
  readonly lme4Labels: readonly string[];
  /** Column labels in MixedModels.jl's style (a level name for every built-in coding). */
  readonly mixedModelsLabels: readonly string[];
}

/**
 * The coding matrix of `contrast` for the levels present in the data.
 *
 * @param levels the levels that occur in the rows used, in level order
 * @param contrast the requested coding
 * @param column the variable's name, for error messages
 * @param allLevels every level of the column, used to align the rows of a `matrix` contrast
 * @throws DataError for a base level that does not occur, a contrast on fewer than 2 levels, or a
 *   `matrix` contrast whose shape does not fit the levels.
 */
export function contrastMatrix(
  levels: readonly string[],
  contrast: Contrast,
  column: string,
  allLevels: readonly string[] = levels,
): ContrastMatrix {
  const spec = typeof contrast === "string" ? { type: contrast } : contrast;
  if (spec.type === "fulldummy") return fullDummyMatrix(levels);
  if (spec.type === "matrix") return userMatrix(levels, spec, column, allLevels);
  const count = levels.length;
  if (count < 2) {
    throw new DataError(
      `factor '${column}' has ${count === 0 ? "no level" : `only the level '${levels[0]}'`} in the rows used; contrasts need at least 2 levels`,
      { column },
    );
  }
  switch (spec.type) {
    case "treatment":
      return treatment(
        levels,
        baseIndex(levels, "base" in spec ? spec.base : undefined, 0, column),
      );
    case "sum":
    case "effects":
      return effects(
        levels,
        baseIndex(levels, "base" in spec ? spec.base : undefined, count - 1, column),
      );
    case "helmert":
      return helmert(levels);
    case "seqdiff":
      return sequentialDifference(levels);
  }
}

/** One indicator column per level. */
export function fullDummyMatrix(levels: readonly string[]): ContrastMatrix {
  const count = levels.length;
  const values = new Float64Array(count * count);
  for (let i = 0; i < count; i++) values[i * count + i] = 1;
  return {
    levelCount: count,
    columnCount: count,
    values,
    lme4Labels: [...levels],
    mixedModelsLabels: [...levels],
  };
}

function baseIndex(
  levels: readonly string[],
  base: string | undefined,
  fallback: number,
  column: string,
): number {
  if (base === undefined) return fallback;
  const index = levels.indexOf(base);
  if (index < 0) {
    throw new DataError(
      `base level '${base}' of factor '${column}' does not occur in the rows used (levels: ${levels.join(", ")})`,
      { column },
    );
  }
  return index;
}

function treatment(levels: readonly string[], base: number): ContrastMatrix {
  const count = levels.length;
  const kept = levels.map((_, i) => i).filter((i) => i !== base);
  const values = new Float64Array(count * kept.length);
  kept.forEach((level, j) => {
    values[j * count + level] = 1;
  });
  const labels = kept.map((i) => levels[i]);
  return {
    levelCount: count,
    columnCount: kept.length,
    values,
    lme4Labels: labels,
    mixedModelsLabels: labels,
  };
}

function effects(levels: readonly string[], base: number): ContrastMatrix {
  const count = levels.length;
  const kept = levels.map((_, i) => i).filter((i) => i !== base);
  const values = new Float64Array(count * kept.length);
  kept.forEach((level, j) => {
    values[j * count + level] = 1;
    values[j * count + base] = -1;
  });
  return {
    levelCount: count,
    columnCount: kept.length,
    values,
    lme4Labels: kept.map((_, j) => String(j + 1)),
    mixedModelsLabels: kept.map((i) => levels[i]),
  };
}

function helmert(levels: readonly string[]): ContrastMatrix {
  const count = levels.length;
  const columns = count - 1;
  const values = new Float64Array(count * columns);
  for (let j = 0; j < columns; j++) {
    for (let i = 0; i <= j; i++) values[j * count + i] = -1;
    values[j * count + j + 1] = j + 1;
  }
  return {
    levelCount: count,
    columnCount: columns,
    values,
    lme4Labels: Array.from({ length: columns }, (_, j) => String(j + 1)),
    mixedModelsLabels: levels.slice(1),
  };
}

function sequentialDifference(levels: readonly string[]): ContrastMatrix {
  const count = levels.length;
  const columns = count - 1;
  const values = new Float64Array(count * columns);
  for (let j = 0; j < columns; j++) {
    // Column j+1 of MASS::contr.sdif: levels up to j get -(k-j-1)/k, later levels (j+1)/k.
    for (let i = 0; i < count; i++) {
      values[j * count + i] = i <= j ? -(count - j - 1) / count : (j + 1) / count;
    }
  }
  return {
    levelCount: count,
    columnCount: columns,
    values,
    lme4Labels: Array.from({ length: columns }, (_, j) => `${levels[j + 1]}-${levels[j]}`),
    mixedModelsLabels: levels.slice(1),
  };
}

function userMatrix(
  levels: readonly string[],
  spec: Extract<Contrast, { type: "matrix" }>,
  column: string,
  allLevels: readonly string[],
): ContrastMatrix {
  const rowLevels = spec.levels ?? allLevels;
  const columns = spec.labels.length;
  if (spec.matrix.length !== rowLevels.length) {
    throw new DataError(
      `contrast matrix for '${column}' has ${spec.matrix.length} rows but the factor has ${rowLevels.length} levels`,
      { column },
    );
  }
  const count = levels.length;
  const values = new Float64Array(count * columns);
  levels.forEach((level, i) => {
    const row = rowLevels.indexOf(level);
    if (row < 0) {
      throw new DataError(`contrast matrix for '${column}' has no row for level '${level}'`, {
        column,
      });
    }
    const entries = spec.matrix[row];
    if (entries.length !== columns) {
      throw new DataError(
        `row ${row} of the contrast matrix for '${column}' has ${entries.length} entries but ${columns} labels were given`,
        { column },
      );
    }
    for (let j = 0; j < columns; j++) {
      if (!Number.isFinite(entries[j])) {
        throw new DataError(
          `contrast matrix for '${column}' has a non-finite entry in row ${row}`,
          {
            column,
          },
        );
      }
      values[j * count + i] = entries[j];
    }
  });
  return {
    levelCount: count,
    columnCount: columns,
    values,
    lme4Labels: [...spec.labels],
    mixedModelsLabels: [...spec.labels],
  };
}
