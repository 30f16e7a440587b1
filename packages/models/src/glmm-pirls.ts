// What a PIRLS run (glmm-objective.ts) reports and the limits it runs under.

/** How a PIRLS run ended. */
export interface PirlsOutcome {
  /** Newton steps taken. */
  readonly iterations: number;
  /** Step halvings over all steps. */
  readonly halvings: number;
  /** False when the iteration limit was reached before the penalized deviance settled. */
  readonly converged: boolean;
  /** True when a later step could not reduce the penalized deviance and the previous was kept. */
  readonly stalled: boolean;
}

/** Why PIRLS could not find a conditional mode (a fit cannot stand on it). */
export class PirlsFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PirlsFailure";
  }
}

/** MixedModels.jl's pirls_maxhalfstep; lme4's maxit for the PIRLS loop. */
export const PIRLS_MAX_HALVINGS = 10;
export const PIRLS_MAX_ITERATIONS = 30;
/**
 * Converged when a step moves no element of (u, β) by more than this. Every PIRLS step is a
 * Newton step (a non-canonical link's under the observed information), so the error left is of
 * the order of the step's square: the Laplace deviance, whose log-determinant depends on ũ to
 * first order, is exact to about 1e-12 (MixedModels.jl's 1e-5 on the deviance leaves noise of
 * that size in the objective the optimizer sees).
 */
export const PIRLS_STEP_TOLERANCE_NEWTON = 1e-6;
