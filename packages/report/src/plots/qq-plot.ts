import { normalQuantile } from "@mixedmodels/distributions";
import { groupingFactorOf } from "../grouping-factor";
import { groupingFactors, selectGroup } from "./caterpillar";
import { type RandomEffectsModel, VEGA_LITE_SCHEMA, type VegaLiteSpec } from "./plot-inputs";

/** One conditional mode against its standard normal quantile. */
export interface QQRow {
  readonly group: string;
  readonly level: string;
  readonly term: string;
  readonly estimate: number;
  /** The normal quantile of the mode's plotting position among its term's ℓ modes. */
  readonly theoretical: number;
}

/**
 * R's `ppoints(n)`, the plotting positions `qqnorm` uses: (i − a)/(n + 1 − 2a) with a = 3/8 for
 * n ≤ 10 and 1/2 above, so the points agree with R's `qqnorm(ranef(m)$g[[j]])`.
 */
export function plottingPositions(n: number): Float64Array {
  const a = n <= 10 ? 3 / 8 : 1 / 2;
  return Float64Array.from({ length: n }, (_, i) => (i + 1 - a) / (n + 1 - 2 * a));
}

/**
 * Each term's conditional modes paired with standard normal quantiles by rank (ties by level
 * order, as R's `order` breaks them), in the model's term order and each term's level order.
 */
export function qqRows(model: Pick<RandomEffectsModel, "ranef">): QQRow[] {
  const rows: QQRow[] = [];
  for (const modes of model.ranef()) {
    const s = modes.columnNames.length;
    const n = modes.levels.length;
    const positions = plottingPositions(n);
    modes.columnNames.forEach((term, j) => {
      const estimates = Array.from({ length: n }, (_, l) => modes.values[l * s + j]);
      const byRank = estimates
        .map((_, l) => l)
        .sort((a, b) => estimates[a] - estimates[b] || a - b);
      const theoretical = new Float64Array(n);
      byRank.forEach((l, rank) => {
        theoretical[l] = normalQuantile(positions[rank]);
      });
      modes.levels.forEach((level, l) => {
        rows.push({
          group: groupingFactorOf(modes.group),
          level,
          term,
          estimate: estimates[l],
          theoretical: theoretical[l],
        });
      });
    });
  }
  return rows;
}

/**
 * A normal Q–Q plot of one grouping factor's conditional modes, a panel per random-effects column
 * (each with its own y scale). Points on a straight line support the normality of the random
 * effects; the modes are shrunken, so their spread is below the estimated standard deviation.
 */
export function qqSpec(
  model: Pick<RandomEffectsModel, "ranef">,
  options: { readonly group?: string } = {},
): VegaLiteSpec {
  const group = selectGroup(groupingFactors(model), options.group);
  const rows = qqRows(model).filter((row) => row.group === group);
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: `Normal Q-Q plot of the conditional modes by ${group}`,
    title: `Normal Q–Q plot of the conditional modes by ${group}`,
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
      height: 220,
      mark: { type: "point", filled: true, size: 30 },
      encoding: {
        x: { field: "theoretical", type: "quantitative", title: "standard normal quantile" },
        y: { field: "estimate", type: "quantitative", title: "conditional mode" },
        tooltip: [
          { field: "level", type: "nominal" },
          { field: "estimate", type: "quantitative", format: ".4g" },
        ],
      },
    },
    resolve: { scale: { y: "independent" } },
  };
}
