import type { ModelParts } from "@mixedmodels/modelmatrix";
import { GeneralizedLinearMixedModel, LinearMixedModel } from "@mixedmodels/models";
import { bobyqa } from "@mixedmodels/optim";
import {
  GaussianSimulator,
  generalizedSimulator,
  modelSimulationDesign,
} from "@mixedmodels/predict";
import { type RandomStream, streamAt } from "@mixedmodels/random";
import type {
  BootstrapParameters,
  BootstrapReplicate,
  GeneralizedSettings,
} from "./bootstrap-types";

/** What a replicate engine needs: plain data, so a worker thread can receive it. */
export interface ReplicateSpec {
  readonly parts: ModelParts;
  readonly reml: boolean;
  readonly seed: number;
  readonly parameters: BootstrapParameters;
  /** A generalized model's settings and its `offset` option as given; absent for a linear one. */
  readonly generalized?: GeneralizedSettings & {
    readonly offset?: string | readonly number[];
  };
}

/** A model of either kind, refitted per replicate. */
type Refittable = LinearMixedModel | GeneralizedLinearMixedModel;

/**
 * Computes replicates: replicate i simulates a response from stream i of the seed and refits a
 * model of its own (same parts, BOBYQA, from the usual start; for a generalized model the same
 * family, link, offset and nAGQ), so its result depends on i and the spec only, never on which
 * thread ran it or what it ran before. Indices must come in increasing order: the stream then
 * moves forward by jumps, one per index skipped.
 */
export class ReplicateEngine {
  private readonly model: Refittable;
  private readonly simulator: {
    simulateInto(stream: RandomStream, out: Float64Array): Float64Array;
  };
  private readonly refitOnce: (y: Float64Array) => void;
  private readonly response: Float64Array;
  private readonly seed: number;
  private stream: RandomStream | null = null;
  private position = -1;

  constructor(spec: ReplicateSpec) {
    const { parts, parameters, generalized } = spec;
    if (generalized === undefined) {
      const model = new LinearMixedModel(parts, { reml: spec.reml });
      this.model = model;
      this.simulator = new GaussianSimulator(modelSimulationDesign(parts), parameters);
      this.refitOnce = (y) => model.refit(y, { optimizer: bobyqa(), reml: spec.reml });
    } else {
      const model = new GeneralizedLinearMixedModel(parts, {
        family: generalized.family,
        link: generalized.link,
        ...(generalized.offset === undefined ? {} : { offset: generalized.offset }),
      });
      this.model = model;
      this.simulator = generalizedSimulator(model, {
        beta: parameters.beta,
        theta: parameters.theta,
      });
      const options = { optimizer: bobyqa(), nAGQ: generalized.nAGQ, fast: generalized.fast };
      this.refitOnce = (y) => model.refit(y, options);
    }
    this.response = new Float64Array(parts.n);
    this.seed = spec.seed;
  }

  replicate(index: number): BootstrapReplicate {
    const stream = this.streamFor(index);
    this.simulator.simulateInto(stream, this.response);
    const model = this.model;
    this.refitOnce(this.response);
    const groups = model.varCorr().groups;
    const errors = model.stderror();
    return {
      replicate: index,
      objective: model.objective,
      sigma: model.sigma,
      beta: Array.from(model.fixef()),
      stderror: Array.from(model.parts.X.kept, (column) => errors[column]),
      theta: Array.from(model.theta),
      sds: groups.flatMap((group) => group.sd),
      correlations: groups.flatMap((group) => lowerTriangle(group.corr)),
    };
  }

  /** Stream `index`, reached from the current one by jumps (a clone, so draws do not move it). */
  private streamFor(index: number): RandomStream {
    if (this.stream === null || index < this.position) {
      this.stream = streamAt(this.seed, index);
    } else {
      for (let i = this.position; i < index; i++) this.stream.jump();
    }
    this.position = index;
    return this.stream.clone();
  }
}

/** Entries below the diagonal, column by column (lme4's order of correlations). */
export function lowerTriangle(matrix: readonly (readonly (number | null)[])[] | null): number[] {
  if (matrix === null) return [];
  const out: number[] = [];
  for (let c = 0; c < matrix.length; c++) {
    // An undefined correlation (a zero variance) is null in VarCorr; a replicate row keeps it as
    // NaN, which the intervals leave out.
    for (let r = c + 1; r < matrix.length; r++) out.push(matrix[r][c] ?? Number.NaN);
  }
  return out;
}
