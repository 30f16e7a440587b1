import { describe, expect, it } from "vitest";
import { QuadraticModel } from "../src/bobyqa/quadratic-model";

// Q(x) = 3 + gᵀ(x − c) + ½(x − c)ᵀG(x − c) with c = (1, 2), g = (1, −1), G = [2 1; 1 4]:
// small integers, so every value below is exact and worked out by hand.
function example(): QuadraticModel {
  const model = new QuadraticModel(2);
  model.center.set([1, 2]);
  model.constant = 3;
  model.gradient.set([1, -1]);
  model.hessian.set([2, 1, 1, 4]);
  return model;
}

describe("QuadraticModel", () => {
  it("predicts the change gᵀd + ½dᵀGd for steps with zero and nonzero entries", () => {
    const model = example();
    // d = (1, −1): gᵀd = 2, dᵀGd = 2 − 2 + 4 = 4.
    expect(model.change(Float64Array.of(1, -1))).toBe(4);
    // d = (0, 2): gᵀd = −2, dᵀGd = 16.
    expect(model.change(Float64Array.of(0, 2))).toBe(6);
    // d = (3, 0): gᵀd = 3, dᵀGd = 18.
    expect(model.change(Float64Array.of(3, 0))).toBe(12);
    expect(model.change(Float64Array.of(0, 0))).toBe(0);
  });

  it("evaluates Q at a point, also read at an offset of a longer array", () => {
    const model = example();
    expect(model.value(Float64Array.of(2, 1))).toBe(7);
    expect(model.value(Float64Array.of(1, 2))).toBe(3);
    // The point (1, 4) stored after another one.
    expect(model.value(Float64Array.of(9, 9, 1, 4), 2)).toBe(9);
  });

  it("recentres without changing Q: new constant Q(c'), gradient g + G(c' − c)", () => {
    const model = example();
    model.recenter(Float64Array.of(0, 0, 2, 1), 2);
    expect(Array.from(model.center)).toEqual([2, 1]);
    expect(model.constant).toBe(7);
    // g + G·(1, −1) = (1 + 2 − 1, −1 + 1 − 4).
    expect(Array.from(model.gradient)).toEqual([2, -4]);
    expect(Array.from(model.hessian)).toEqual([2, 1, 1, 4]);
    // Q is unchanged: the old centre (1, 2) still has the value 3, and (1, 4) still 9.
    expect(model.value(Float64Array.of(1, 2))).toBe(3);
    expect(model.value(Float64Array.of(1, 4))).toBe(9);
  });
});
