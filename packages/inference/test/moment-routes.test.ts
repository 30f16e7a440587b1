import { parseCsv } from "@mixedmodels/modelmatrix";
import { LinearMixedModel } from "@mixedmodels/models";
import { bobyqa } from "@mixedmodels/optim";
import { expectClose } from "@mixedmodels/testkit";
import { describe, expect, it } from "vitest";
import { derivativeMoments } from "../src/derivative-moments";
import { randomEffectOffsets } from "../src/marginal-moments";
import { structuredMoments } from "../src/structured-moments";
import { varianceDerivatives } from "../src/variance-derivatives";
import { VarianceParameters } from "../src/variance-parameters";
import { cases, fitCase } from "./fixture-cases";

/**
 * The structured route (Schur complement of the largest term, no q×q inverse) against the dense
 * q×q route of the same formulas: two computations that share only the final assembly. The R
 * fixtures check the numbers against lmerTest and pbkrtest; this checks that the structured
 * route is taken and agrees on designs the fixtures lack: vector-valued terms on both sides of
 * the Schur complement, three crossed terms, case weights.
 */
function expectRoutesAgree(model: LinearMixedModel) {
  const parts = model.parts;
  const parameters = new VarianceParameters(parts.reterms, randomEffectOffsets(parts.reterms));
  // "auto" takes the structured route whenever it is available, as it is for these fits.
  const auto = structuredMoments(parts, parameters, model.theta, model.sigma, model.fixef());
  expect(auto).not.toBeNull();
  if (auto === null) throw new Error("the structured route is unavailable");
  const dense = derivativeMoments(
    parts,
    parameters,
    model.theta,
    model.sigma,
    model.fixef(),
    "dense",
  );
  const fast = varianceDerivatives(model);
  const slow = varianceDerivatives(model, "dense");
  const close = (x: Float64Array, y: Float64Array) => {
    const scale = y.reduce((s, v) => Math.max(s, Math.abs(v)), 0);
    expectClose(Array.from(x), Array.from(y), { rtol: 1e-7, atol: 1e-9 * scale });
  };
  close(fast.hessianPhi, slow.hessianPhi);
  // The gradient vanishes at the optimum: compare on the scale of its terms, tr(V⁻¹G_i).
  const traceScale = dense.traceVG.reduce((s, v) => Math.max(s, Math.abs(v)), 0);
  expectClose(Array.from(fast.gradientGamma), Array.from(slow.gradientGamma), {
    rtol: 1e-7,
    atol: 1e-8 * traceScale,
  });
  close(fast.expectedInformation, slow.expectedInformation);
  for (let i = 0; i < fast.a.length; i++) close(fast.a[i], slow.a[i]);
  for (let i = 0; i < fast.q.length; i++) close(fast.q[i], slow.q[i]);
  for (let i = 0; i < parameters.count; i++)
    expectClose(auto.traceVG[i], dense.traceVG[i], { rtol: 1e-7 });
  return { fast, slow };
}

/** A deterministic unbalanced crossed design (LCG draws, no engine Math in the data). */
function crossedTable(withWeights: boolean) {
  let state = 12345;
  const uniform = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const effects = (levels: number, spread: number) =>
    Array.from({ length: levels }, () => (uniform() + uniform() + uniform() - 1.5) * spread);
  const [g0, g1, h0, h1, k0] = [
    effects(40, 2),
    effects(40, 1),
    effects(9, 2),
    effects(9, 0.8),
    effects(5, 1),
  ];
  const lines = ["y,x,g,h,k,w"];
  for (let t = 0; t < 400; t++) {
    if (uniform() < 0.15) continue;
    const g = Math.floor(uniform() * 40);
    const h = Math.floor(uniform() * 9);
    const k = Math.floor(uniform() * 5);
    const x = uniform() * 4 - 2;
    const noise = uniform() + uniform() + uniform() - 1.5;
    const y = 1 + 0.5 * x + g0[g] + g1[g] * x + h0[h] + h1[h] * x + k0[k] + noise;
    const w = withWeights ? 0.5 + uniform() : 1;
    lines.push(`${y},${x},g${g},h${h},k${k},${w}`);
  }
  return parseCsv(lines.join("\n"));
}

describe("structured and dense moments agree", () => {
  it.each(cases.map((c) => [c.id, c] as const))("%s", (_, c) => {
    expectRoutesAgree(fitCase(c));
  });

  it("vector-valued terms on both sides of the Schur complement, three crossed terms, REML", () => {
    const model = LinearMixedModel.fromFormula(
      "y ~ 1 + x + (1 + x | g) + (1 + x | h) + (1 | k)",
      crossedTable(false),
      { reml: true },
    ).fit({ optimizer: bobyqa() });
    const { fast } = expectRoutesAgree(model);
    expect(fast.parameters.count).toBe(8);
  });

  it("case weights, ML, the vector term the small one", () => {
    const model = LinearMixedModel.fromFormula(
      "y ~ 1 + x + (1 | g) + (1 + x | h)",
      crossedTable(true),
      { reml: false, weights: "w" },
    ).fit({ optimizer: bobyqa() });
    expectRoutesAgree(model);
  });
});
