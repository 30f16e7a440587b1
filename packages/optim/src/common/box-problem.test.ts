import { DimensionMismatchError, ModelError, type ObjectiveV1 } from "@mixedmodels/core";
import { describe, expect, it } from "vitest";
import { BoxProblem } from "./box-problem";
import { StopEvaluating } from "./stop-evaluating";

const sum: ObjectiveV1 = { dimension: 3, value: (x) => x[0] + x[1] + x[2] };
const uniform = { maxFractionOfWidth: 0.5 };

describe("BoxProblem", () => {
  it("drops coordinates pinned by equal bounds and rescales the others to a common step", () => {
    const problem = new BoxProblem(
      sum,
      Float64Array.of(1, 7, 2),
      {
        bounds: { lower: Float64Array.of(0, 7, -10), upper: Float64Array.of(10, 7, 10) },
        initialStep: Float64Array.of(0.5, 1, 2),
      },
      uniform,
    );
    expect(problem.dimension).toBe(2);
    expect(problem.initialStep).toBe(2);
    // θ₀ has step 0.5 = ¼ of the largest: one internal unit is ¼ in θ₀.
    expect(Array.from(problem.start)).toEqual([4, 2]);
    expect(Array.from(problem.lower)).toEqual([0, -10]);
    expect(Array.from(problem.upper)).toEqual([40, 10]);
    expect(problem.evaluate(Float64Array.of(8, 1))).toBe(2 + 7 + 1);
  });

  it("holds a coordinate whose box is narrower than rounding can resolve, not one with an infinite bound", () => {
    const problem = new BoxProblem(
      sum,
      Float64Array.of(1e6, 0, 7e-323),
      {
        bounds: {
          lower: Float64Array.of(1e6, Number.NEGATIVE_INFINITY, 7e-323),
          upper: Float64Array.of(1e6 + 1e-8, Number.POSITIVE_INFINITY, 7.4e-323),
        },
      },
      uniform,
    );
    expect(problem.dimension).toBe(1);
  });

  it("projects the start into the box and caps steps at half a finite width", () => {
    const problem = new BoxProblem(
      sum,
      Float64Array.of(-5, 0, 0),
      {
        bounds: { lower: Float64Array.of(0, 0, 0), upper: Float64Array.of(1, 1, 1) },
        initialStep: 3,
      },
      uniform,
    );
    expect(problem.initialStep).toBe(0.5);
    expect(problem.start[0]).toBe(0);
  });

  it("maps failures to +Infinity, counts, reports copies to onEvaluation and keeps the best", () => {
    const seen: Float64Array[] = [];
    let call = 0;
    const objective: ObjectiveV1 = {
      dimension: 1,
      value: (x) => {
        call++;
        if (call === 2) throw new Error("no");
        if (call === 3) return Number.NaN;
        return x[0] ** 2;
      },
    };
    const problem = new BoxProblem(
      objective,
      Float64Array.of(3),
      { onEvaluation: (t) => seen.push(t) },
      uniform,
    );
    const z = Float64Array.of(2);
    expect(problem.evaluate(z)).toBe(4);
    expect(problem.evaluate(Float64Array.of(0))).toBe(Number.POSITIVE_INFINITY);
    expect(problem.lastFailure).toContain("no");
    expect(problem.evaluate(Float64Array.of(0))).toBe(Number.POSITIVE_INFINITY);
    expect(problem.evaluate(Float64Array.of(1))).toBe(1);
    expect(problem.evaluations).toBe(4);
    expect(seen.map((t) => t[0])).toEqual([2, 0, 0, 1]);
    expect(problem.result("converged", "").theta[0]).toBe(1);
    expect(problem.result("converged", "").value).toBe(1);
  });

  it("stops instead of evaluating once the budget is spent or the signal aborted", () => {
    const controller = new AbortController();
    const problem = new BoxProblem(
      sum,
      new Float64Array(3),
      { maxEvaluations: 1, signal: controller.signal },
      uniform,
    );
    problem.evaluate(problem.start);
    expect(() => problem.evaluate(problem.start)).toThrow(StopEvaluating);
    const aborted = new BoxProblem(
      sum,
      new Float64Array(3),
      { signal: controller.signal },
      uniform,
    );
    controller.abort();
    try {
      aborted.evaluate(aborted.start);
      expect.unreachable();
    } catch (error) {
      expect((error as StopEvaluating).reason).toBe("aborted");
    }
    expect(aborted.evaluations).toBe(0);
  });

  it("rejects inconsistent input with the offending name and index", () => {
    expect(() => new BoxProblem(sum, new Float64Array(2), {}, uniform)).toThrow(
      DimensionMismatchError,
    );
    expect(() => new BoxProblem(sum, Float64Array.of(0, Number.NaN, 0), {}, uniform)).toThrow(
      /start\[1\]/,
    );
    const crossed = { lower: Float64Array.of(0, 2, 0), upper: Float64Array.of(1, 1, 1) };
    expect(() => new BoxProblem(sum, new Float64Array(3), { bounds: crossed }, uniform)).toThrow(
      ModelError,
    );
    expect(() => new BoxProblem(sum, new Float64Array(3), { initialStep: -1 }, uniform)).toThrow(
      /initialStep/,
    );
    expect(
      () => new BoxProblem(sum, new Float64Array(3), { initialStep: new Float64Array(2) }, uniform),
    ).toThrow(DimensionMismatchError);
  });
});
