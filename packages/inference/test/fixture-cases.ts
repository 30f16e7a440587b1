import { type DatasetName, loadDataset } from "@mixedmodels/datasets";
import { LinearMixedModel } from "@mixedmodels/models";
import { bobyqa } from "@mixedmodels/optim";
import cake from "./fixtures/lmertest/cake_reml.json";
import dyestuff from "./fixtures/lmertest/dyestuff_reml.json";
import pastes from "./fixtures/lmertest/pastes_nested_reml.json";
import penicillin from "./fixtures/lmertest/penicillin_reml.json";
import sleepstudyMl from "./fixtures/lmertest/sleepstudy_ml.json";
import sleepstudyReml from "./fixtures/lmertest/sleepstudy_reml.json";

/** A t-table of lmerTest (Satterthwaite) or pbkrtest (Kenward–Roger). */
export interface TTable {
  names: string[];
  estimate?: number[];
  stderror: number[];
  df: number[];
  t: number[];
  p: number[];
}

export interface FTable {
  terms: string[];
  numdf: number[];
  dendf: number[];
  F: number[];
  p: number[];
}

export interface IntervalTable {
  names: string[];
  lower: number[];
  upper: number[];
}

export interface InferenceCase {
  id: string;
  dataset: string;
  formula: string;
  reml: boolean;
  objective: number;
  confint_profile: IntervalTable;
  confint_wald: IntervalTable;
  satterthwaite: TTable;
  kenward_roger: TTable | null;
  anova3_satterthwaite: FTable | null;
  anova3_kenward_roger: FTable | null;
}

export const cases: InferenceCase[] = [
  dyestuff,
  penicillin,
  sleepstudyReml,
  sleepstudyMl,
  cake,
  pastes,
] as InferenceCase[];

const models = new Map<string, LinearMixedModel>();

/** The case's model, fitted once per test file. */
export function fitCase(c: InferenceCase): LinearMixedModel {
  let model = models.get(c.id);
  if (model === undefined) {
    model = LinearMixedModel.fromFormula(c.formula, loadDataset(c.dataset as DatasetName), {
      reml: c.reml,
    }).fit({ optimizer: bobyqa() });
    models.set(c.id, model);
  }
  return model;
}
