import { describe, expect, it } from "vitest";
import { loadDataset } from "../test/load-fixture";
import { buildModelParts } from "./build-model-parts";

const sleepstudy = () => loadDataset("sleepstudy");

describe("warnings about how the formula was read", () => {
  it("drop a response that also appears on the right-hand side, as R's model.matrix does", () => {
    const parts = buildModelParts("Reaction ~ 1 + Reaction + Days + (1 | Subject)", sleepstudy());
    expect(parts.X.names).toEqual(["(Intercept)", "Days"]);
    expect(parts.formula.fixed.map((term) => term.label)).toEqual(["Days"]);
    expect(parts.warnings).toEqual([
      {
        code: "response-on-right-hand-side",
        message:
          "the response 'Reaction' also appears on the right-hand side; dropped the fixed-effects term 'Reaction' (as R's model.matrix does)",
        column: "Reaction",
        term: "Reaction",
      },
    ]);
    const interaction = buildModelParts("Reaction ~ Days * Reaction + (1 | Subject)", sleepstudy());
    expect(interaction.X.names).toEqual(["(Intercept)", "Days"]);
    expect(interaction.warnings?.[0].message).toContain("terms 'Reaction', 'Days:Reaction'");
  });

  it("report an unparenthesised bar read as lme4 reads it", () => {
    const parts = buildModelParts("Reaction ~ Days | Subject", sleepstudy());
    expect(parts.X.names).toEqual(["(Intercept)"]);
    expect(parts.reterms[0].columnNames).toEqual(["(Intercept)", "Days"]);
    expect(parts.warnings?.map((w) => w.code)).toEqual(["unparenthesised-random-term"]);
    expect(parts.warnings?.[0].message).toContain(
      "write 'Reaction ~ 1 + Days + (Days | Subject)' to have Days as fixed effects too",
    );
  });

  it("are empty for an ordinary formula", () => {
    expect(buildModelParts("Reaction ~ Days + (Days | Subject)", sleepstudy()).warnings).toEqual(
      [],
    );
  });
});
