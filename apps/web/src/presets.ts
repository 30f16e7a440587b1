import type { Family } from "./messages";

/** A model to start from for each embedded dataset: the reference cases the tests check. */
export interface Preset {
  readonly formula: string;
  readonly family: Family;
  /** Binomial trials (proportions as response), as glmer's weights =. */
  readonly weights?: string;
}

export const PRESETS: Readonly<Record<string, Preset>> = Object.assign(Object.create(null), {
  sleepstudy: { formula: "Reaction ~ 1 + Days + (1 + Days | Subject)", family: "gaussian" },
  dyestuff: { formula: "Yield ~ 1 + (1 | Batch)", family: "gaussian" },
  dyestuff2: { formula: "Yield ~ 1 + (1 | Batch)", family: "gaussian" },
  penicillin: { formula: "diameter ~ 1 + (1 | plate) + (1 | sample)", family: "gaussian" },
  pastes: { formula: "strength ~ 1 + (1 | batch / cask)", family: "gaussian" },
  insteval: { formula: "y ~ 1 + dept * service + (1 | s) + (1 | d)", family: "gaussian" },
  cake: { formula: "angle ~ recipe * temperature + (1 | recipe:replicate)", family: "gaussian" },
  cbpp: {
    formula: "incidence / size ~ 1 + period + (1 | herd)",
    family: "binomial",
    weights: "size",
  },
  verbagg: {
    formula: "r2 ~ 1 + Anger + Gender + btype + situ + (1 | id) + (1 | item)",
    family: "bernoulli",
  },
  grouseticks: {
    formula: "TICKS ~ 1 + YEAR + cHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION)",
    family: "poisson",
  },
  arabidopsis: {
    formula: "total.fruits ~ 1 + nutrient * amd + rack + status + (1 | popu) + (1 | gen)",
    family: "poisson",
  },
});
