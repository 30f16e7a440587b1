import { ModelError } from "@mixedmodels/core";
import { normalQuantile } from "@mixedmodels/distributions";
import { groupingFactorOf } from "../grouping-factor";
import {
  type ConditionalVarianceInput,
  type RandomEffectsInput,
  type RandomEffectsModel,
  VEGA_LITE_SCHEMA,
  type VegaLiteSpec,
} from "./plot-inputs";

/** One level's conditional mode for one random-effects column, with its prediction interval. */
export interface CaterpillarRow {
  /** The grouping factor (terms `Subject` and `Subject.1` both give `Subject`). */
  readonly group: string;
  readonly level: string;
  /** The random-effects column, e.g. `(Intercept)` or `Days`. */
  readonly term: string;
  readonly estimate: number;
  /** Conditional standard deviation: √ of the diagonal element of condVar. */
  readonly condsd: number;
  readonly lower: number;
  readonly upper: number;
}

export interface CaterpillarOptions {
  /** The grouping factor to plot; the model's first by default. */
  readonly group?: string;
  /** Coverage of the intervals (default 0.95: estimate ± 1.96 condsd). */
  readonly level?: number;
}

function checkedLevel(level: number): number {
  if (!(level > 0 && level < 1)) {
    throw new ModelError(`interval level must be in (0, 1), got ${level}`);
  }
  return level;
}

function termRows(
  modes: RandomEffectsInput,
  variances: ConditionalVarianceInput,
  z: number,
): CaterpillarRow[] {
  const s = modes.columnNames.length;
  const group = groupingFactorOf(modes.group);
  const rows: CaterpillarRow[] = [];
  modes.levels.forEach((level, l) => {
    modes.columnNames.forEach((term, j) => {
      const estimate = modes.values[l * s + j];
      const condsd = Math.sqrt(variances.values[l * s * s + j * s + j]);
      rows.push({
        group,
        level,
        term,
        estimate,
        condsd,
        lower: estimate - z * condsd,
        upper: estimate + z * condsd,
      });
    });
  });
  return rows;
}

/**
 * Every level's conditional mode and interval, for every term of every grouping factor, in the
 * model's term order. Intervals are estimate ± z·condsd, z the normal quantile of (1 + level)/2,
 * as lme4's `dotplot(ranef(m, condVar = TRUE))` and MixedModels.jl's caterpillar draw them.
 */
export function caterpillarRows(
  model: RandomEffectsModel,
  options: Pick<CaterpillarOptions, "level"> = {},
): CaterpillarRow[] {
  const z = normalQuantile((1 + checkedLevel(options.level ?? 0.95)) / 2);
  const variances = model.condVar();
  return model.ranef().flatMap((modes, j) => termRows(modes, variances[j], z));
}

/** The grouping factors of a model's terms, in term order, each once. */
export function groupingFactors(model: Pick<RandomEffectsModel, "ranef">): string[] {
  return [...new Set(model.ranef().map((term) => groupingFactorOf(term.group)))];
}

/** The requested grouping factor, or a ModelError naming the ones there are. */
export function selectGroup(available: readonly string[], group: string | undefined): string {
  const chosen = group ?? available[0];
  if (chosen === undefined || !available.includes(chosen)) {
    throw new ModelError(
      `no grouping factor '${group}'; the model has ${available.map((g) => `'${g}'`).join(", ")}`,
      { term: group },
    );
  }
  return chosen;
}

/**
 * Level order for the plot: by the first term's conditional mode, ascending (lme4's dotplot and
 * MixedModels.jl order by the intercept), so the eye reads the spread as a line; ties by name.
 */
function levelOrder(rows: readonly CaterpillarRow[]): string[] {
  const first = rows[0]?.term;
  return rows
    .filter((row) => row.term === first)
    .sort((a, b) => a.estimate - b.estimate || (a.level < b.level ? -1 : a.level > b.level ? 1 : 0))
    .map((row) => row.level);
}

/**
 * A caterpillar plot of one grouping factor: a row per level, a panel per random-effects column
 * (each with its own x scale: intercepts and slopes differ in units), the conditional mode as a
 * dot and its interval as a bar, a dashed line at zero.
 */
export function caterpillarSpec(
  model: RandomEffectsModel,
  options: CaterpillarOptions = {},
): VegaLiteSpec {
  const group = selectGroup(groupingFactors(model), options.group);
  const level = checkedLevel(options.level ?? 0.95);
  const rows = caterpillarRows(model, { level }).filter((row) => row.group === group);
  const percent = `${Number((level * 100).toPrecision(6))}%`;
  const y = { field: "level", type: "nominal", sort: levelOrder(rows), title: group };
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: `Conditional modes of the random effects by ${group} with ${percent} prediction intervals`,
    title: `Conditional modes by ${group} (${percent} intervals)`,
    data: { values: rows },
    facet: {
      column: {
        field: "term",
        type: "nominal",
        title: null,
        sort: [...new Set(rows.map((r) => r.term))],
      },
    },
    spec: {
      width: 220,
      height: { step: 14 },
      layer: [
        {
          mark: { type: "rule", strokeDash: [4, 4], color: "#999" },
          encoding: { x: { datum: 0 } },
        },
        {
          mark: { type: "rule", strokeWidth: 1.5 },
          encoding: {
            y,
            x: { field: "lower", type: "quantitative", title: "conditional mode" },
            x2: { field: "upper" },
          },
        },
        {
          mark: { type: "point", filled: true, size: 30 },
          encoding: {
            y,
            x: { field: "estimate", type: "quantitative" },
            tooltip: [
              { field: "level", type: "nominal" },
              { field: "estimate", type: "quantitative", format: ".4g" },
              { field: "lower", type: "quantitative", format: ".4g" },
              { field: "upper", type: "quantitative", format: ".4g" },
            ],
          },
        },
      ],
    },
    resolve: { scale: { x: "independent" } },
  };
}
