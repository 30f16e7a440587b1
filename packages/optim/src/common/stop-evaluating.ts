/**
 * Thrown by {@link BoxProblem.evaluate} when the evaluation budget is spent or the signal was
 * aborted: it unwinds the optimizer's loops in one step, and the driver turns it into a status.
 */
export class StopEvaluating extends Error {
  readonly reason: "aborted" | "maxEvaluations";
  constructor(reason: "aborted" | "maxEvaluations") {
    super(reason);
    this.name = "StopEvaluating";
    this.reason = reason;
  }
}
