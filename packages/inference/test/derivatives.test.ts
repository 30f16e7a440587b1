import type { LinearMixedModel } from "@mixedmodels/models";
import { expectClose } from "@mixedmodels/testkit";
import { describe, expect, it } from "vitest";
import { derivativesFor } from "../src/ddf-method";
import { cases, fitCase } from "./fixture-cases";

/**
 * lmerTest's deviance in φ = (θ, σ) (its `devfun_vp`), evaluated through the model itself:
 * logdet + r²/σ² + ν·log(2πσ²), with logdet and r² recovered from the profiled objective and
 * pwrss at θ. An independent route to the derivatives (finite differences of the model's own
 * blocked Cholesky), to check the analytic ones.
 */
function deviance(model: LinearMixedModel, phi: Float64Array): number {
  const saved = model.theta;
  const theta = phi.subarray(0, phi.length - 1);
  const sigma = phi[phi.length - 1];
  model.setTheta(theta);
  const nu = model.reml ? model.nobs - model.parts.X.p : model.nobs;
  const r2 = model.pwrss;
  const logdet = model.objective - nu * (1 + Math.log((2 * Math.PI * r2) / nu));
  model.setTheta(saved);
  return logdet + r2 / sigma ** 2 + nu * Math.log(2 * Math.PI * sigma ** 2);
}

describe.each(cases)("$id: exact derivatives of the deviance", (c) => {
  it("the gradient in γ vanishes at the optimum, Φ is vcov, and the Hessian in (θ, σ) matches central differences of the model's objective", () => {
    const model = fitCase(c);
    const d = derivativesFor(model);
    const count = d.parameters.count;
    const phi0 = Float64Array.from([...model.theta, model.sigma]);
    // Gradient in φ = Jᵀ ∇_γ: tiny relative to the Hessian's scale at the optimum.
    for (let m = 0; m < count; m++) {
      let g = 0;
      for (let i = 0; i < count; i++) g += d.jacobianPhi[i + m * count] * d.gradientGamma[i];
      expect(Math.abs(g)).toBeLessThan(1e-3 * Math.sqrt(Math.abs(d.hessianPhi[m + m * count])));
    }
    const vcov = model.vcov();
    const all = model.parts.X.allNames.length;
    const p = d.p;
    for (let a = 0; a < p; a++)
      for (let b = 0; b < p; b++)
        expectClose(d.phi[a + b * p], vcov[model.parts.X.kept[a] + model.parts.X.kept[b] * all], {
          rtol: 1e-7,
          atol: 1e-9 * Math.sqrt(vcov[a + a * all] * vcov[b + b * all]),
        });
    for (let i = 0; i < count; i++) {
      for (let j = 0; j < count; j++) {
        const h = 1e-3 * Math.max(Math.abs(phi0[i]), 1);
        const k = 1e-3 * Math.max(Math.abs(phi0[j]), 1);
        const at = (di: number, dj: number) => {
          const x = Float64Array.from(phi0);
          x[i] += di;
          x[j] += dj;
          return deviance(model, x);
        };
        const fd = (at(h, k) - at(h, -k) - at(-h, k) + at(-h, -k)) / (4 * h * k);
        const scale = Math.sqrt(
          Math.abs(d.hessianPhi[i + i * count] * d.hessianPhi[j + j * count]),
        );
        expect(Math.abs(d.hessianPhi[i + j * count] - fd)).toBeLessThan(2e-4 * scale);
      }
    }
  });
});
