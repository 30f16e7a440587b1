import type { LinearMixedModel } from "@mixedmodels/models";

/** lme4's `coef(m)` for one grouping factor: per level, fixed effect + that level's random effect. */
export interface LevelCoefficients {
  readonly group: string;
  /** The fixed-effect names, then random-effect columns that have no fixed counterpart. */
  readonly terms: readonly string[];
  readonly levels: readonly string[];
  /** `values[level][term]`, plain numbers. */
  readonly values: readonly (readonly number[])[];
}

/**
 * Per-level coefficients, lme4's `coef(m)`: for every grouping factor and level, β plus the
 * conditional mode of that level (0 for terms that do not vary by the factor). Named apart from
 * `coef`, which follows MixedModels.jl (the fixed effects with aliased columns as −0).
 * @example
 * levelCoefficients(fit(lmm("Reaction ~ 1 + Days + (1 + Days | Subject)", sleepstudy)))[0].values[0]
 * // [254.22, 19.63]: Subject 308's intercept and slope
 */
export function levelCoefficients(model: LinearMixedModel): LevelCoefficients[] {
  const fixedNames = model.coefnames();
  const beta = model.coef();
  return model.ranef().map((table) => {
    const s = table.columnNames.length;
    const terms = [
      ...fixedNames,
      ...table.columnNames.filter((name) => !fixedNames.includes(name)),
    ];
    const fixedPart = terms.map((term) => {
      const index = fixedNames.indexOf(term);
      return index < 0 ? 0 : beta[index] + 0;
    });
    const randomColumn = terms.map((term) => table.columnNames.indexOf(term));
    const values = table.levels.map((_, level) =>
      terms.map((_, k) => {
        const column = randomColumn[k];
        return column < 0 ? fixedPart[k] : fixedPart[k] + table.values[level * s + column];
      }),
    );
    return { group: table.group, terms, levels: [...table.levels], values };
  });
}
