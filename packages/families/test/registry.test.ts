import { DataError, DimensionMismatchError, ModelError } from "@mixedmodels/core";
import { describe, expect, it } from "vitest";
import {
  createGlmWorkspace,
  families,
  family,
  gaussianFamily,
  logLink,
  startingValues,
  updateFromEta,
} from "../src/index";

describe("family(name, link?)", () => {
  it("gives each family its canonical link by default, as R does", () => {
    const canonical = Object.fromEntries(families.map((f) => [f.name, family(f.name).link.name]));
    expect(canonical).toEqual({
      bernoulli: "logit",
      binomial: "logit",
      poisson: "log",
      gamma: "inverse",
      inversegaussian: "1/mu^2",
      gaussian: "identity",
    });
    for (const f of families) expect(family(f.name).warnings).toEqual([]);
  });

  it("accepts R's and Julia's spellings, case-insensitively", () => {
    expect(family("inverse.gaussian").family.name).toBe("inversegaussian");
    expect(family("Gamma", "log").link.name).toBe("log");
    expect(family("Normal").family.name).toBe("gaussian");
    expect(family("poisson", "Sqrt").link.name).toBe("sqrt");
  });

  it("throws a ModelError naming the valid names for an unknown family or link", () => {
    expect(() => family("binomal")).toThrow(ModelError);
    expect(() => family("binomal")).toThrow(
      /unknown family 'binomal'; expected one of bernoulli, binomial/,
    );
    expect(() => family("poisson", "logg")).toThrow(
      /unknown link 'logg'; expected one of logit, probit/,
    );
  });

  it("flags a link whose inverse can leave the family's mean range", () => {
    const flagged = [
      ["poisson", "identity"],
      ["binomial", "log"],
      ["bernoulli", "identity"],
      ["gamma", "identity"],
    ];
    for (const [f, l] of flagged) {
      const resolved = family(f, l);
      expect(
        resolved.warnings.map((w) => w.code),
        `${f}/${l}`,
      ).toEqual(["link-range"]);
      expect(resolved.warnings[0].message).toContain(l);
    }
    for (const [f, l] of [
      ["binomial", "probit"],
      ["poisson", "sqrt"],
      ["gamma", "log"],
      ["gaussian", "log"],
    ]) {
      expect(family(f, l).warnings, `${f}/${l}`).toEqual([]);
    }
  });
});

describe("startingValues and updateFromEta", () => {
  it("names the column and row where the starting mean has no valid linear predictor", () => {
    const mu = new Float64Array(3);
    const eta = new Float64Array(3);
    const call = () =>
      startingValues(
        gaussianFamily,
        logLink,
        [2, 0, 3],
        { column: "yield", rows: [0, 5, 6] },
        mu,
        eta,
      );
    expect(call).toThrow(DataError);
    expect(call).toThrow(/cannot find valid starting values: 'yield' is 0 in row 5/);
  });

  it("rejects arrays of the wrong length", () => {
    const { family: f, link } = family("poisson");
    const workspace = createGlmWorkspace(3);
    expect(() =>
      updateFromEta(f, link, new Float64Array(3), null, new Float64Array(2), workspace),
    ).toThrow(DimensionMismatchError);
  });

  it("uses w·dμ/dη as the working weight for a canonical link (V(μ) = dμ/dη)", () => {
    const { family: f, link } = family("poisson");
    const workspace = createGlmWorkspace(2);
    const eta = Float64Array.of(0.3, -1.2);
    updateFromEta(f, link, Float64Array.of(1, 0), Float64Array.of(2, 1), eta, workspace);
    expect(workspace.workingWeights[0]).toBeCloseTo(2 * Math.exp(0.3), 14);
    expect(workspace.workingWeights[1]).toBeCloseTo(Math.exp(-1.2), 14);
    expect(workspace.workingResiduals[1]).toBeCloseTo(-1, 14);
  });
});
