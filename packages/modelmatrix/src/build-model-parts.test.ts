import { DataError, ModelError } from "@mixedmodels/core";
import { describe, expect, it } from "vitest";
import { bar, model, term } from "../test/formula-helper";
import { loadDataset } from "../test/load-fixture";
import { buildModelParts } from "./build-model-parts";

const sleepstudy = () => loadDataset("sleepstudy");
const reactionDays = (random = [bar({ terms: [term("Days")] }, "Subject")]) =>
  model({ response: "Reaction", fixed: [term("Days")], random });

describe("buildModelParts on sleepstudy", () => {
  it("builds y, X and a 2-column term with an unstructured θ layout", () => {
    const parts = buildModelParts(reactionDays(), sleepstudy());
    expect(parts.n).toBe(180);
    expect(parts.responseName).toBe("Reaction");
    expect(parts.y[0]).toBeCloseTo(249.56, 10);
    expect(parts.X.names).toEqual(["(Intercept)", "Days"]);
    expect(parts.X.p).toBe(2);
    expect(Array.from(parts.X.data.subarray(180, 183))).toEqual([0, 1, 2]);
    expect(parts.reterms).toHaveLength(1);
    const [re] = parts.reterms;
    expect(re.group).toBe("Subject");
    expect(re.levels).toHaveLength(18);
    expect(re.levels[0]).toBe("308");
    expect(re.s).toBe(2);
    expect(re.columnNames).toEqual(["(Intercept)", "Days"]);
    expect(Array.from(re.z.subarray(0, 6))).toEqual([1, 0, 1, 1, 1, 2]);
    expect(Array.from(re.thetaRows)).toEqual([0, 1, 1]);
    expect(Array.from(re.thetaCols)).toEqual([0, 0, 1]);
    expect(re.diagonal).toBe(false);
    expect(parts.droppedRows).toHaveLength(0);
    expect(parts.weights).toBeNull();
  });
});
