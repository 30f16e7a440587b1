/** The lme4 reference fits in test/fixtures and the hand-built model parts for each. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { DataTable } from "@mixedmodels/core";
import {
  cake,
  dyestuff,
  dyestuff2,
  insteval,
  pastes,
  penicillin,
  sleepstudy,
} from "@mixedmodels/datasets";
import type { ModelParts } from "@mixedmodels/modelmatrix";
import { buildHandParts, type HandModelSpec } from "./hand-parts";

export interface ReferenceFit {
  readonly id: string;
  readonly formula: string;
  readonly reml: boolean;
  readonly nobs: number;
  readonly objective: number;
  readonly loglik: number;
  readonly dof: number;
  readonly aic: number;
  readonly bic: number;
  readonly sigma: number;
  readonly theta: number[];
  readonly theta_names: string[];
  readonly fixef: { names: string[]; beta: number[]; stderror: number[] };
  readonly varcorr: { group: string; names: string[]; sd: number[]; corr: number[][] | null }[];
  readonly ngroups: Record<string, number>;
  readonly ranef?: { group: string; levels: string[]; names: string[]; values: number[][] }[];
  readonly singular: boolean;
  readonly objective_at: { theta: number[]; objective: number }[];
}

export function loadReference(id: string): ReferenceFit {
  const path = join(__dirname, "..", "fixtures", `${id}.json`);
  return JSON.parse(readFileSync(path, "utf8")) as ReferenceFit;
}

const intercept = (factors: string[]) => ({ factors, columns: ["(Intercept)"] });

const sleepFixed = ["(Intercept)", "Days"];

const dyestuffSpec: HandModelSpec = {
  formula: "Yield ~ 1 + (1 | Batch)",
  response: "Yield",
  fixed: ["(Intercept)"],
  random: [intercept(["Batch"])],
};

const sleepstudySpec: HandModelSpec = {
  formula: "Reaction ~ 1 + Days + (1 + Days | Subject)",
  response: "Reaction",
  fixed: sleepFixed,
  random: [{ factors: ["Subject"], columns: ["(Intercept)", "Days"] }],
};

const penicillinSpec: HandModelSpec = {
  formula: "diameter ~ 1 + (1 | plate) + (1 | sample)",
  response: "diameter",
  fixed: ["(Intercept)"],
  random: [intercept(["plate"]), intercept(["sample"])],
};

/** sleepstudy with Days2 = Days², for the three-column term of sleepstudy_quadratic_ml. */
function sleepstudyWithDaysSquared(): DataTable {
  const days = sleepstudy.columns.Days;
  if (days?.kind !== "numeric") throw new Error("sleepstudy's Days is numeric");
  const values = days.values.map((day) => day * day);
  return {
    nrow: sleepstudy.nrow,
    names: [...sleepstudy.names, "Days2"],
    columns: { ...sleepstudy.columns, Days2: { kind: "numeric", values } },
  };
}

export const referenceSpecs: Record<string, { table: () => DataTable; spec: HandModelSpec }> = {
  dyestuff_ml: { table: () => dyestuff, spec: dyestuffSpec },
  dyestuff_reml: { table: () => dyestuff, spec: dyestuffSpec },
  dyestuff2_ml: { table: () => dyestuff2, spec: dyestuffSpec },
  sleepstudy_ml: { table: () => sleepstudy, spec: sleepstudySpec },
  sleepstudy_reml: { table: () => sleepstudy, spec: sleepstudySpec },
  sleepstudy_int_ml: {
    table: () => sleepstudy,
    spec: {
      formula: "Reaction ~ 1 + Days + (1 | Subject)",
      response: "Reaction",
      fixed: sleepFixed,
      random: [intercept(["Subject"])],
    },
  },
  sleepstudy_split_ml: {
    table: () => sleepstudy,
    spec: {
      formula: "Reaction ~ 1 + Days + (1 | Subject) + (0 + Days | Subject)",
      response: "Reaction",
      fixed: sleepFixed,
      random: [intercept(["Subject"]), { factors: ["Subject"], columns: ["Days"] }],
    },
  },
  sleepstudy_zc_ml: {
    table: () => sleepstudy,
    spec: {
      formula: "Reaction ~ 1 + Days + (1 + Days || Subject)",
      response: "Reaction",
      fixed: sleepFixed,
      // lme4 expands `||` into separate bar terms, which amalgamate into one diagonal term.
      random: [intercept(["Subject"]), { factors: ["Subject"], columns: ["Days"] }],
    },
  },
  sleepstudy_quadratic_ml: {
    table: sleepstudyWithDaysSquared,
    spec: {
      formula: "Reaction ~ 1 + Days + Days2 + (1 + Days + Days2 | Subject)",
      response: "Reaction",
      fixed: [...sleepFixed, "Days2"],
      random: [{ factors: ["Subject"], columns: ["(Intercept)", "Days", "Days2"] }],
    },
  },
  penicillin_ml: { table: () => penicillin, spec: penicillinSpec },
  penicillin_reml: { table: () => penicillin, spec: penicillinSpec },
  pastes_inter_ml: {
    table: () => pastes,
    spec: {
      formula: "strength ~ 1 + (1 | batch:cask)",
      response: "strength",
      fixed: ["(Intercept)"],
      random: [intercept(["batch", "cask"])],
    },
  },
  pastes_nested_ml: {
    table: () => pastes,
    spec: {
      formula: "strength ~ 1 + (1 | batch / cask)",
      response: "strength",
      fixed: ["(Intercept)"],
      random: [intercept(["batch"]), intercept(["cask", "batch"])],
    },
  },
  cake_reml: {
    table: () => cake,
    spec: {
      formula: "angle ~ recipe * temperature + (1 | recipe:replicate)",
      response: "angle",
      fixed: ["(Intercept)", "recipe", "temperature", "recipe:temperature"],
      random: [intercept(["recipe", "replicate"])],
    },
  },
  insteval_seed_ml: {
    table: () => insteval,
    spec: {
      formula: "y ~ 1 + dept * service + (1 | s) + (1 | d)",
      response: "y",
      fixed: ["(Intercept)", "dept", "service", "dept:service"],
      random: [intercept(["s"]), intercept(["d"])],
    },
  },
  insteval_three_ml: {
    table: () => insteval,
    spec: {
      formula: "y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)",
      response: "y",
      fixed: ["(Intercept)", "service"],
      random: [intercept(["s"]), intercept(["d"]), intercept(["dept"])],
    },
  },
};

export function referenceParts(id: string): ModelParts {
  const entry = referenceSpecs[id];
  if (entry === undefined) throw new Error(`no spec for ${id}`);
  return buildHandParts(entry.table(), entry.spec);
}

/** Ids of the reference fits small enough for the default (fast) suite. */
export const smallReferenceIds = Object.keys(referenceSpecs).filter(
  (id) => !id.startsWith("insteval"),
);
