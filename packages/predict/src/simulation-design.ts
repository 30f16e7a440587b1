import { DataError, type TableInput } from "@mixedmodels/core";
import { type ModelParts, newDataDesign } from "@mixedmodels/modelmatrix";

/** One random-effects term as simulation reads it. */
export interface SimulationTerm {
  readonly s: number;
  /** Levels drawn per replicate: the model's, plus any unseen ones of new data. */
  readonly levelCount: number;
  /** Level per row (into 0..levelCount−1). */
  readonly refs: Int32Array;
  /** s×n column-major. */
  readonly z: Float64Array;
  /** Where θ's elements of this term sit in its s×s lower-triangular λ. */
  readonly thetaRows: Int32Array;
  readonly thetaCols: Int32Array;
}

/**
 * The numbers a simulation needs, on the model's own rows or on new data: X (n×p), the offset,
 * the terms, and where each simulated row goes in the output (`rows`, of `outputLength`).
 */
export interface SimulationDesign {
  readonly n: number;
  readonly p: number;
  readonly X: Float64Array;
  readonly offset: Float64Array | null;
  readonly terms: readonly SimulationTerm[];
  /** Number of random effects drawn per replicate, Σ levelCount·s. */
  readonly q: number;
  readonly rows: Int32Array | null;
  readonly outputLength: number;
}

/**
 * The model's own rows. `offset` defaults to the formula's; a generalized model passes its full
 * offset (formula terms plus its `offset` option).
 */
export function modelSimulationDesign(
  parts: ModelParts,
  offset: Float64Array | null = parts.offset ?? null,
): SimulationDesign {
  const terms = parts.reterms.map((term) => ({
    s: term.s,
    levelCount: term.levels.length,
    refs: term.refs,
    z: term.z,
    thetaRows: term.thetaRows,
    thetaCols: term.thetaCols,
  }));
  return {
    n: parts.n,
    p: parts.X.p,
    X: parts.X.data,
    offset,
    terms,
    q: terms.reduce((total, term) => total + term.levelCount * term.s, 0),
    rows: null,
    outputLength: parts.n,
  };
}

/**
 * New data, with predict's rules for the design; levels of a grouping factor that the model has
 * not seen get random effects of their own, drawn like the others (after them, in order of first
 * appearance). Rows with a missing needed value are NaN in the output.
 */
export function newDataSimulationDesign(parts: ModelParts, newdata: TableInput): SimulationDesign {
  const design = newDataDesign(parts, newdata);
  const m = design.rows.length;
  const terms = parts.reterms.map((reterm, j) => {
    const term = design.reterms[j];
    if (term === null) throw new DataError(`no design for the term of '${reterm.group}'`);
    const known = reterm.levels.length;
    // Unseen levels (−1 − k) come after the model's own.
    const refs = Int32Array.from(term.refs, (level) => (level >= 0 ? level : known - 1 - level));
    return {
      s: reterm.s,
      levelCount: known + term.unseenLevels.length,
      refs,
      z: term.z,
      thetaRows: reterm.thetaRows,
      thetaCols: reterm.thetaCols,
    };
  });
  return {
    n: m,
    p: design.p,
    X: design.X,
    offset: design.offset,
    terms,
    q: terms.reduce((total, term) => total + term.levelCount * term.s, 0),
    rows: design.rows,
    outputLength: design.nrow,
  };
}

/**
 * The design with an extra offset added, given per row of the new data (`rows` maps design rows
 * to them); a missing value makes that row's offset NaN, so its simulated value is NaN.
 */
export function withExtraOffset(
  design: SimulationDesign,
  extra: Float64Array | null,
): SimulationDesign {
  if (extra === null) return design;
  const offset =
    design.offset === null ? new Float64Array(design.n) : Float64Array.from(design.offset);
  for (let t = 0; t < design.n; t++) {
    const value = extra[design.rows === null ? t : design.rows[t]];
    offset[t] = Number.isFinite(value) ? offset[t] + value : Number.NaN;
  }
  return { ...design, offset };
}
