import { ModelError } from "@mixedmodels/core";
import { normalQuantile } from "@mixedmodels/distributions";
import type { LinearMixedModel } from "@mixedmodels/models";
import { levelCoefficients } from "./level-coefficients";

/** Which rows `tidy` returns, as broom.mixed's `effects` argument. */
export type TidyEffects = "fixed" | "ran_pars" | "ran_vals" | "ran_coefs";

export interface TidyOptions {
  /** One kind or several, in that order; default `["fixed", "ran_pars"]` as broom.mixed. */
  readonly effects?: TidyEffects | readonly TidyEffects[];
  /** Add Wald `conf.low` / `conf.high` (fixed effects and conditional modes; null elsewhere). */
  readonly conf?: boolean;
  /** Coverage of the intervals; default 0.95. */
  readonly confLevel?: number;
}

/**
 * One row of `tidy()`, broom.mixed's columns. Every row has every column so that an array of
 * rows is a table; what does not apply is null (`group` of a fixed effect, `level` outside
 * ran_vals/ran_coefs, `std.error` of a variance parameter).
 */
export interface TidyRow {
  readonly effect: TidyEffects;
  readonly group: string | null;
  readonly level: string | null;
  readonly term: string;
  /** Null only for a correlation that does not exist (a component estimated as exactly zero). */
  readonly estimate: number | null;
  readonly "std.error": number | null;
  /** Wald z of a fixed effect. */
  readonly statistic: number | null;
  readonly "p.value": number | null;
  readonly "conf.low"?: number | null;
  readonly "conf.high"?: number | null;
}

const kinds: readonly TidyEffects[] = ["fixed", "ran_pars", "ran_vals", "ran_coefs"];

/** A number as JSON can carry it: NaN and ±∞ (an aliased coefficient's error) become null. */
function finite(value: number): number | null {
  return Number.isFinite(value) ? value + 0 : null;
}

/**
 * The model as a plain array of row objects with broom.mixed's column names: fixed effects
 * (estimate, std.error, Wald z as statistic, p.value), variance parameters (`sd__(Intercept)`,
 * `cor__(Intercept).Days`, `sd__Observation` for the residual), conditional modes with their
 * conditional standard deviations, and lme4's per-level coefficients.
 * @throws ModelError before `fit` or for an unknown kind of effects.
 */
export function tidy(model: LinearMixedModel, options: TidyOptions = {}): TidyRow[] {
  const requested = options.effects ?? ["fixed", "ran_pars"];
  const effects: readonly TidyEffects[] = typeof requested === "string" ? [requested] : requested;
  for (const effect of effects) {
    if (!kinds.includes(effect)) {
      throw new ModelError(`tidy: effects must be among ${kinds.join(", ")}, not '${effect}'`);
    }
  }
  model.summary(); // the fitted-model check, with its message
  const level = options.confLevel ?? 0.95;
  if (!(level > 0 && level < 1)) {
    throw new ModelError(`tidy: confLevel must be between 0 and 1, not ${level}`);
  }
  const zCritical = normalQuantile(0.5 + level / 2);
  const rows: TidyRow[] = [];
  for (const effect of effects) {
    const part =
      effect === "fixed"
        ? fixedRows(model)
        : effect === "ran_pars"
          ? varianceRows(model)
          : effect === "ran_vals"
            ? conditionalModeRows(model)
            : levelCoefficientRows(model);
    for (const row of part) rows.push(options.conf ? withInterval(row, zCritical) : row);
  }
  return rows;
}

function withInterval(row: TidyRow, zCritical: number): TidyRow {
  const se = row["std.error"];
  const estimate = row.estimate;
  if (se === null || estimate === null || row.effect === "ran_pars" || row.effect === "ran_coefs") {
    return { ...row, "conf.low": null, "conf.high": null };
  }
  return { ...row, "conf.low": estimate - zCritical * se, "conf.high": estimate + zCritical * se };
}

function fixedRows(model: LinearMixedModel): TidyRow[] {
  return model.coeftable().map((row) => ({
    effect: "fixed",
    group: null,
    level: null,
    term: row.name,
    estimate: row.estimate + 0,
    "std.error": finite(row.stderror),
    statistic: finite(row.z),
    "p.value": finite(row.p),
  }));
}

function variancePart(group: string, term: string, estimate: number): TidyRow {
  return {
    effect: "ran_pars",
    group,
    level: null,
    term,
    estimate,
    "std.error": null,
    statistic: null,
    "p.value": null,
  };
}

/** lme4's `as.data.frame(VarCorr(m))` order: a group's SDs, then its correlations by column. */
function variancePartsOf(model: LinearMixedModel): TidyRow[] {
  const { groups, residual } = model.varCorr();
  const rows: TidyRow[] = [];
  for (const group of groups) {
    group.names.forEach((name, i) => {
      rows.push(variancePart(group.group, `sd__${name}`, group.sd[i]));
    });
    const corr = group.corr;
    if (corr === null) continue;
    for (let j = 0; j < group.names.length; j++) {
      for (let i = j + 1; i < group.names.length; i++) {
        const value = corr[i][j];
        rows.push(
          variancePart(
            group.group,
            `cor__${group.names[j]}.${group.names[i]}`,
            value ?? Number.NaN,
          ),
        );
      }
    }
  }
  rows.push(variancePart("Residual", "sd__Observation", residual));
  return rows;
}

/** A correlation of a component estimated as exactly zero does not exist: null, not NaN. */
function varianceRows(model: LinearMixedModel): TidyRow[] {
  return variancePartsOf(model).map((row) =>
    Number.isFinite(row.estimate) ? row : { ...row, estimate: null },
  );
}

function conditionalModeRows(model: LinearMixedModel): TidyRow[] {
  const modes = model.ranef();
  const variances = model.condVar();
  const rows: TidyRow[] = [];
  modes.forEach((table, j) => {
    const s = table.columnNames.length;
    const covariance = variances[j].values;
    table.columnNames.forEach((term, column) => {
      table.levels.forEach((label, level) => {
        rows.push({
          effect: "ran_vals",
          group: table.group,
          level: label,
          term,
          estimate: table.values[level * s + column] + 0,
          "std.error": Math.sqrt(covariance[level * s * s + column * s + column]),
          statistic: null,
          "p.value": null,
        });
      });
    });
  });
  return rows;
}

function levelCoefficientRows(model: LinearMixedModel): TidyRow[] {
  const rows: TidyRow[] = [];
  for (const table of levelCoefficients(model)) {
    table.terms.forEach((term, k) => {
      table.levels.forEach((label, level) => {
        rows.push({
          effect: "ran_coefs",
          group: table.group,
          level: label,
          term,
          estimate: table.values[level][k],
          "std.error": null,
          statistic: null,
          "p.value": null,
        });
      });
    });
  }
  return rows;
}
