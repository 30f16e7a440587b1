import { expect } from "vitest";
import { expectClose } from "./tolerance";

// The inference tables against lmerTest's and pbkrtest's at the shared references' tolerances
// (references/README.md, inference/): df and DenDF 1e-3 relative, t and F 1e-4, p 1e-3 or 1e-10
// absolute. The types are structural so that testkit need not depend on the inference package.

/** A t table as `coeftable(model, { ddf })` gives it. */
export interface TTableLike {
  readonly rows: readonly {
    readonly name: string;
    readonly stderror: number;
    readonly df: number | null;
    readonly statistic: number;
    readonly p: number;
  }[];
}

/** lmerTest's or pbkrtest's coefficient table, column by column. */
export interface TTableReference {
  readonly names: readonly string[];
  readonly stderror: readonly number[];
  readonly df: readonly number[];
  readonly t: readonly number[];
  readonly p: readonly number[];
}

/**
 * Names in order, SE within `stderrorRtol` (Kenward–Roger's adjusted SE and a Satterthwaite fit
 * that reached lme4's optimum less tightly need 2e-3), df, t and p at the references' tolerances.
 */
export function expectTTable(
  ours: TTableLike,
  reference: TTableReference,
  stderrorRtol = 1e-4,
): void {
  expect(ours.rows.map((r) => r.name)).toEqual(reference.names);
  expectClose(
    ours.rows.map((r) => r.stderror),
    reference.stderror,
    { rtol: stderrorRtol },
  );
  expectClose(
    ours.rows.map((r) => r.df ?? Number.NaN),
    reference.df,
    { rtol: 1e-3 },
  );
  expectClose(
    ours.rows.map((r) => r.statistic),
    reference.t,
    { rtol: 1e-4 },
  );
  expectClose(
    ours.rows.map((r) => r.p),
    reference.p,
    { rtol: 1e-3, atol: 1e-10 },
  );
}

/** An F table as `anova(model, { type, ddf })` gives it. */
export interface FTableLike {
  readonly rows: readonly {
    readonly term: string;
    readonly numDf: number;
    readonly denDf: number;
    readonly F: number;
    readonly p: number;
  }[];
}

/** lmerTest's or pbkrtest's F tests, column by column. */
export interface FTableReference {
  readonly terms: readonly string[];
  readonly numdf: readonly number[];
  readonly dendf: readonly number[];
  readonly F: readonly number[];
  readonly p: readonly number[];
}

/** The same terms and NumDF; DenDF, F and p at the references' tolerances. */
export function expectFTable(ours: FTableLike, reference: FTableReference): void {
  expect(ours.rows.map((r) => r.term)).toEqual(reference.terms);
  expect(ours.rows.map((r) => r.numDf)).toEqual(reference.numdf);
  expectClose(
    ours.rows.map((r) => r.denDf),
    reference.dendf,
    { rtol: 1e-3 },
  );
  expectClose(
    ours.rows.map((r) => r.F),
    reference.F,
    { rtol: 1e-4 },
  );
  expectClose(
    ours.rows.map((r) => r.p),
    reference.p,
    { rtol: 1e-3, atol: 1e-10 },
  );
}

/** A ranova table as `ranova(model)` gives it. */
export interface RanovaTableLike {
  readonly loglik: number;
  readonly rows: readonly {
    readonly term: string;
    readonly df: number;
    readonly loglik: number;
    readonly lrt: number;
    readonly p: number;
  }[];
}

/** lmerTest's ranova: the reduced models' terms, df, log-likelihoods, LRT and p. */
export interface RanovaTableReference {
  readonly terms: readonly string[];
  readonly df: readonly number[];
  readonly full_loglik?: number;
  readonly loglik?: readonly number[];
  readonly lrt: readonly number[];
  readonly p: readonly number[];
}

/**
 * Terms and df exactly; log-likelihoods within the objective's 1e-6 relative, LRT within 2e-4
 * absolute, p at the references' tolerance. A reference without the full or the reduced
 * log-likelihoods skips that check.
 */
export function expectRanovaTable(ours: RanovaTableLike, reference: RanovaTableReference): void {
  expect(ours.rows.map((r) => r.term)).toEqual(reference.terms);
  expect(ours.rows.map((r) => r.df)).toEqual(reference.df);
  if (reference.full_loglik !== undefined) {
    expectClose(ours.loglik, reference.full_loglik, { rtol: 1e-6 });
  }
  if (reference.loglik !== undefined) {
    expectClose(
      ours.rows.map((r) => r.loglik),
      reference.loglik,
      { rtol: 1e-6 },
    );
  }
  expectClose(
    ours.rows.map((r) => r.lrt),
    reference.lrt,
    { atol: 2e-4 },
  );
  expectClose(
    ours.rows.map((r) => r.p),
    reference.p,
    { rtol: 1e-3, atol: 1e-10 },
  );
}
