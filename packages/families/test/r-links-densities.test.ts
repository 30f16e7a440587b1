import { describe, expect, it } from "vitest";
import {
  bernoulliFamily,
  binomialFamily,
  gammaFamily,
  gaussianFamily,
  inverseGaussianFamily,
  linkByRName,
  poissonFamily,
} from "../src/index";
import reference from "./fixtures/reference-values.json" with { type: "json" };

function expectRelative(actual: number, expected: number, tolerance: number, label: string): void {
  if (expected === 0) {
    expect(Math.abs(actual), label).toBeLessThanOrEqual(tolerance);
    return;
  }
  const error = Math.abs(actual - expected) / Math.abs(expected);
  expect(error, `${label}: ${actual} vs R ${expected}`).toBeLessThanOrEqual(tolerance);
}

describe("links agree with R's make.link, including where R clamps", () => {
  for (const [name, values] of Object.entries(reference.links)) {
    it(`${name}: linkfun, linkinv and mu.eta`, () => {
      const link = linkByRName(name);
      values.mu.forEach((mu, i) => {
        // R's cloglog linkfun, log(−log(1 − μ)), loses digits for small μ (8e-7 relative at
        // μ = 1e-12); there the reference is the series −log(1 − μ) = μ + μ²/2 + μ³/3 + ….
        const expected =
          name === "cloglog" && mu < 1e-4
            ? Math.log(mu + (mu * mu) / 2 + (mu * mu * mu) / 3)
            : values.link[i];
        expectRelative(link.link(mu), expected, 1e-13, `${name} link(${mu})`);
      });
      values.eta.forEach((eta, i) => {
        expectRelative(link.inverse(eta), values.inverse[i], 1e-13, `${name} inverse(${eta})`);
        expectRelative(link.derivative(eta), values.derivative[i], 1e-12, `${name} mu.eta(${eta})`);
      });
    });
  }
});

describe("log densities agree with R's dbinom, dpois, dgamma, dnorm", () => {
  const d = reference.densities;
  it("binomial: dbinom(k, n, p, log = TRUE) with the response as the proportion k/n", () => {
    d.binomial.k.forEach((k, i) => {
      const n = d.binomial.n[i];
      const value = binomialFamily.logDensity(k / n, d.binomial.p[i], n, 1);
      expectRelative(value, d.binomial.value[i], 1e-12, `dbinom(${k}, ${n}, ${d.binomial.p[i]})`);
      if (n === 1) {
        const bernoulli = bernoulliFamily.logDensity(k, d.binomial.p[i], 1, 1);
        expectRelative(
          bernoulli,
          d.binomial.value[i],
          1e-14,
          `Bernoulli(${k}; ${d.binomial.p[i]})`,
        );
      }
    });
  });
  it("Poisson: dpois(y, μ, log = TRUE)", () => {
    d.poisson.y.forEach((y, i) => {
      const value = poissonFamily.logDensity(y, d.poisson.mu[i], 1, 1);
      expectRelative(value, d.poisson.value[i], 1e-12, `dpois(${y}, ${d.poisson.mu[i]})`);
    });
  });
  it("Gamma: dgamma(y, shape = 1/φ, scale = μφ, log = TRUE)", () => {
    d.gamma.y.forEach((y, i) => {
      const value = gammaFamily.logDensity(y, d.gamma.mu[i], 1, d.gamma.dispersion[i]);
      expectRelative(value, d.gamma.value[i], 1e-12, `dgamma at ${y}`);
    });
  });
  it("Gaussian: dnorm(y, μ, σ, log = TRUE) with φ = σ², also as a precision weight", () => {
    d.gaussian.y.forEach((y, i) => {
      const sd = d.gaussian.sd[i];
      const value = gaussianFamily.logDensity(y, d.gaussian.mu[i], 1, sd * sd);
      expectRelative(value, d.gaussian.value[i], 1e-13, `dnorm at ${y}`);
      // weight 4 with φ = 4σ² is the same distribution.
      const weighted = gaussianFamily.logDensity(y, d.gaussian.mu[i], 4, 4 * sd * sd);
      expectRelative(weighted, d.gaussian.value[i], 1e-13, `dnorm at ${y}, weight 4`);
    });
  });
  it("inverse Gaussian: the density written out in R", () => {
    const ig = d.inverseGaussian;
    ig.y.forEach((y, i) => {
      const value = inverseGaussianFamily.logDensity(y, ig.mu[i], 1, ig.dispersion[i]);
      expectRelative(value, ig.value[i], 1e-13, `inverse Gaussian at ${y}`);
    });
  });
});
