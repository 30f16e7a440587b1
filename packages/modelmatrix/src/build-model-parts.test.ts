import { DataError, ModelError } from "@mixedmodels/core";
import { describe, expect, it } from "vitest";
import { bar, model, term } from "../test/formula-helper";
import { loadDataset } from "../test/load-fixture";
import { buildModelParts } from "./build-model-parts";
import { coefficientNames, toLme4Name, toMixedModelsName } from "./coefficient-names";
import type { ModelParts } from "./types";

const sleepstudy = () => loadDataset("sleepstudy");

/** 12 rows: f in a, b, c; h in u, v; x numeric; g in 4 groups; y varies. */
const small = {
  y: [3.1, 2.4, 5.6, 1.2, 7.7, 3.3, 2.2, 6.1, 4.4, 5.0, 2.9, 3.8],
  x: [1, 5, 2, 8, 3, 6, 4, 7, 9, 2, 5, 1],
  f: ["a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c"],
  h: ["u", "u", "v", "v", "u", "u", "v", "v", "u", "v", "u", "v"],
  g: ["g1", "g1", "g1", "g2", "g2", "g2", "g3", "g3", "g3", "g4", "g4", "g4"],
};

const namesFor = (rhs: string): readonly string[] =>
  buildModelParts(`y ~ ${rhs} + (1 | g)`, small).X.allNames;

/** The kept column of X with that name. */
function columnOf(parts: ModelParts, name: string): number[] {
  const j = parts.X.names.indexOf(name);
  expect(j).toBeGreaterThanOrEqual(0);
  return Array.from(parts.X.data.subarray(j * parts.n, (j + 1) * parts.n));
}

describe("buildModelParts on sleepstudy", () => {
  it("builds y, X and a 2-column term with an unstructured θ layout", () => {
    const parts = buildModelParts("Reaction ~ 1 + Days + (1 + Days | Subject)", sleepstudy());
    expect(parts.n).toBe(180);
    expect(parts.responseName).toBe("Reaction");
    expect(parts.y[0]).toBeCloseTo(249.56, 10);
    expect(parts.X.names).toEqual(["(Intercept)", "Days"]);
    expect(Array.from(parts.X.data.subarray(180, 183))).toEqual([0, 1, 2]);
    const [re] = parts.reterms;
    expect(re.group).toBe("Subject");
    expect(re.levels).toHaveLength(18);
    expect(re.s).toBe(2);
    expect(re.columnNames).toEqual(["(Intercept)", "Days"]);
    expect(Array.from(re.z.subarray(0, 6))).toEqual([1, 0, 1, 1, 1, 2]);
    expect(Array.from(re.thetaRows)).toEqual([0, 1, 1]);
    expect(Array.from(re.thetaCols)).toEqual([0, 0, 1]);
    expect(re.diagonal).toBe(false);
    expect(re.blockSizes).toEqual([2]);
    expect(parts.droppedRows).toHaveLength(0);
    expect(parts.weights).toBeNull();
    expect(parts.offset).toBeNull();
  });

  it("amalgamates (1|Subject) + (0+Days|Subject) into one diagonal term with two blocks", () => {
    const parts = buildModelParts(
      "Reaction ~ 1 + Days + (1 | Subject) + (0 + Days | Subject)",
      sleepstudy(),
    );
    expect(parts.reterms).toHaveLength(1);
    const [re] = parts.reterms;
    expect(re.s).toBe(2);
    expect(re.diagonal).toBe(true);
    expect(re.blockSizes).toEqual([1, 1]);
    expect(Array.from(re.thetaRows)).toEqual([0, 1]);
    expect(Array.from(re.thetaCols)).toEqual([0, 1]);
    expect(re.labels).toEqual(["(1 | Subject)", "(0 + Days | Subject)"]);
  });

  it("keeps the terms apart with amalgamate: false", () => {
    const parts = buildModelParts(
      "Reaction ~ 1 + Days + (1 | Subject) + (0 + Days | Subject)",
      sleepstudy(),
      { amalgamate: false },
    );
    expect(parts.reterms.map((re) => re.columnNames)).toEqual([["(Intercept)"], ["Days"]]);
  });

  it("gives a zerocorr term a diagonal θ", () => {
    const parts = buildModelParts("Reaction ~ Days + zerocorr(1 + Days | Subject)", sleepstudy());
    const [re] = parts.reterms;
    expect(re.diagonal).toBe(true);
    expect(Array.from(re.thetaRows)).toEqual([0, 1]);
    const handBuilt = model({
      response: "Reaction",
      fixed: [term("Days")],
      random: [bar({ terms: [term("Days")], correlated: false }, "Subject")],
    });
    expect(buildModelParts(handBuilt, sleepstudy()).reterms[0].diagonal).toBe(true);
  });

  it("sorts terms by ℓ·s descending, stably", () => {
    const parts = buildModelParts(
      "diameter ~ 1 + (1 | sample) + (1 | plate)",
      loadDataset("penicillin"),
    );
    expect(parts.reterms.map((re) => re.group)).toEqual(["plate", "sample"]);
    const vector = buildModelParts("Reaction ~ (1 | Days) + (1 + Days | Subject)", sleepstudy());
    expect(vector.reterms.map((re) => re.group)).toEqual(["Subject", "Days"]);
  });
});

describe("R's coding rules for fixed effects", () => {
  it("codes a factor by contrasts when its margin is present (y ~ x + x:f)", () => {
    expect(namesFor("x + x:f")).toEqual(["(Intercept)", "x", "x:fb", "x:fc"]);
  });

  it("codes a factor fully when its margin is absent (y ~ x:f, y ~ f + f:x)", () => {
    expect(namesFor("x:f")).toEqual(["(Intercept)", "x:fa", "x:fb", "x:fc"]);
    expect(namesFor("f + f:x")).toEqual(["(Intercept)", "fb", "fc", "fa:x", "fb:x", "fc:x"]);
  });

  it("without an intercept, only the first factor gets a column per level (y ~ 0 + f + h)", () => {
    expect(namesFor("0 + f + h")).toEqual(["fa", "fb", "fc", "hv"]);
    expect(namesFor("0 + x + x:f")).toEqual(["x", "x:fa", "x:fb", "x:fc"]);
  });

  it("gives y ~ f:h every cell, and the rank check drops one beside the intercept", () => {
    const parts = buildModelParts("y ~ f:h + (1 | g)", small);
    expect(parts.X.allNames).toEqual([
      "(Intercept)",
      "fa:hu",
      "fb:hu",
      "fc:hu",
      "fa:hv",
      "fb:hv",
      "fc:hv",
    ]);
    expect(parts.X.p).toBe(6);
    expect(parts.X.aliased).toHaveLength(1);
    expect(parts.X.names[0]).toBe("(Intercept)");
  });

  it("fills X like R's model.matrix(~ f * x)", () => {
    const data = {
      y: [1, 2, 3, 5, 4, 7],
      f: ["a", "b", "c", "a", "b", "c"],
      x: [1, 5, 2, 8, 3, 4],
      g: ["p", "p", "p", "q", "q", "q"],
    };
    const parts = buildModelParts("y ~ f * x + (1 | g)", data);
    expect(parts.X.allNames).toEqual(["(Intercept)", "fb", "fc", "x", "fb:x", "fc:x"]);
    expect(parts.X.aliased).toEqual([]);
    expect(Array.from(parts.X.data)).toEqual(
      [
        [1, 1, 1, 1, 1, 1],
        [0, 1, 0, 0, 1, 0],
        [0, 0, 1, 0, 0, 1],
        [1, 5, 2, 8, 3, 4],
        [0, 5, 0, 0, 3, 0],
        [0, 0, 2, 0, 0, 4],
      ].flat(),
    );
    expect(Array.from(parts.X.assign ?? [])).toEqual([0, 1, 1, 2, 3, 3]);
  });

  it("uses the requested contrasts and makes a numeric column with a contrast categorical", () => {
    const parts = buildModelParts(
      "y ~ f + x + (1 | g)",
      { ...small, x: small.x.map((v) => v % 3) },
      { contrasts: { f: "sum", x: { type: "treatment", base: "2" } } },
    );
    expect(parts.X.names).toEqual(["(Intercept)", "f1", "f2", "x0", "x1"]);
    expect(coefficientNames(parts, "mixedmodels")).toEqual([
      "(Intercept)",
      "f: a",
      "f: b",
      "x: 0",
      "x: 1",
    ]);
    const helmert = buildModelParts("y ~ f + (1 | g)", small, { contrasts: { f: "helmert" } });
    expect(columnOf(helmert, "f2").slice(0, 3)).toEqual([-1, -1, 2]);
  });

  it("honours explicit levels and categorical declarations", () => {
    const parts = buildModelParts("y ~ f + x + (1 | g)", small, {
      levels: { f: ["c", "b", "a"] },
      categorical: ["x"],
    });
    expect(parts.X.names.slice(0, 3)).toEqual(["(Intercept)", "fb", "fa"]);
    expect(parts.X.names[3]).toBe("x2");
  });

  it("drops a collinear column by name and keeps the intercept", () => {
    const data = { ...small, x2: small.x.map((v) => 2 * v) };
    const parts = buildModelParts("y ~ x + x2 + (1 | g)", data);
    expect(parts.X.p).toBe(2);
    expect(parts.X.aliased).toHaveLength(1);
    expect(parts.X.names[0]).toBe("(Intercept)");
    const fulldummy = buildModelParts("y ~ 1 + fulldummy(f) + (1 | g)", small);
    expect(fulldummy.X.allNames).toEqual(["(Intercept)", "fa", "fb", "fc"]);
    expect(fulldummy.X.names[0]).toBe("(Intercept)");
    expect(fulldummy.X.aliased).toHaveLength(1);
    expect(Array.from(fulldummy.X.kept)).toEqual([...fulldummy.X.kept].sort());
  });
});

describe("intercept-only and empty X", () => {
  it("allows y ~ 1 + (1 | g) and y ~ 0 + (1 | g)", () => {
    const interceptOnly = buildModelParts("y ~ 1 + (1 | g)", small);
    expect(interceptOnly.X.names).toEqual(["(Intercept)"]);
    expect(Array.from(interceptOnly.X.data)).toEqual(small.y.map(() => 1));
    const empty = buildModelParts("y ~ 0 + (1 | g)", small);
    expect(empty.X.p).toBe(0);
    expect(empty.X.data).toHaveLength(0);
  });
});

describe("transforms", () => {
  it("evaluates log, I(x^2) and scale per row", () => {
    const parts = buildModelParts("y ~ log(x) + I(x^2) + scale(x) + (1 | g)", small);
    expect(parts.X.names).toEqual(["(Intercept)", "log(x)", "I(x^2)", "scale(x)"]);
    expect(columnOf(parts, "log(x)")[1]).toBeCloseTo(Math.log(5), 14);
    expect(columnOf(parts, "I(x^2)")[3]).toBe(64);
    const scaled = columnOf(parts, "scale(x)");
    const n = parts.n;
    const mean = scaled.reduce((a, b) => a + b, 0) / n;
    const variance = scaled.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
    expect(mean).toBeCloseTo(0, 12);
    expect(variance).toBeCloseTo(1, 12);
  });

  it("evaluates center and poly", () => {
    const centred = buildModelParts("y ~ center(x) + (1 | g)", small);
    expect(columnOf(centred, "center(x)").reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
    const poly = buildModelParts("y ~ poly(x, 2) + (1 | g)", small);
    expect(poly.X.names).toEqual(["(Intercept)", "poly(x, 2)1", "poly(x, 2)2"]);
    const linear = columnOf(poly, "poly(x, 2)1");
    expect(linear.reduce((a, b) => a + b * b, 0)).toBeCloseTo(1, 12);
    expect(linear.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
  });

  it("evaluates a response transform and factor(x)", () => {
    const parts = buildModelParts("1000 / y ~ factor(x) + (1 | g)", {
      ...small,
      x: small.x.map((v) => (v % 3) * 5),
    });
    expect(parts.responseName).toBe("1000 / y");
    expect(parts.y[0]).toBeCloseTo(1000 / 3.1, 12);
    expect(parts.X.names).toEqual(["(Intercept)", "factor(x)5", "factor(x)10"]);
  });

  it("sums offsets and reads weights from a column or an array", () => {
    const parts = buildModelParts(
      "y ~ x + offset(x) + (1 | g)",
      { ...small, w: small.x.map((v) => v / 2) },
      { weights: "w" },
    );
    expect(Array.from(parts.offset ?? [])).toEqual(small.x);
    expect(parts.weights?.[1]).toBe(2.5);
    const byArray = buildModelParts("y ~ (1 | g)", small, {
      weights: small.x.map((v, i) => (i === 0 ? Number.NaN : v)),
    });
    expect(Array.from(byArray.droppedRows)).toEqual([0]);
    expect(byArray.weights?.length).toBe(11);
  });
});

describe("random-effects terms", () => {
  it("codes a factor fully without an intercept and by contrasts with one", () => {
    const options = { kind: "glmm" } as const;
    const without = buildModelParts("y ~ (0 + f | h)", small, options);
    expect(without.reterms[0].columnNames).toEqual(["fa", "fb", "fc"]);
    const withIntercept = buildModelParts("y ~ (1 + f | h)", small, options);
    expect(withIntercept.reterms[0].columnNames).toEqual(["(Intercept)", "fb", "fc"]);
    expect(withIntercept.reterms[0].mixedModelsColumnNames).toEqual([
      "(Intercept)",
      "f: b",
      "f: c",
    ]);
    const full = buildModelParts("y ~ (1 + fulldummy(f) | h)", small, options);
    expect(full.reterms[0].columnNames).toEqual(["(Intercept)", "fa", "fb", "fc"]);
    expect(Array.from(full.reterms[0].thetaRows)).toHaveLength(10);
  });

  it("builds an interaction grouping factor from the observed combinations, first factor slowest", () => {
    const parts = buildModelParts("y ~ (1 | h:f)", small);
    const [re] = parts.reterms;
    expect(re.group).toBe("h:f");
    expect(re.levels).toEqual(["u:a", "u:b", "u:c", "v:a", "v:b", "v:c"]);
    expect(re.levels[re.refs[2]]).toBe("v:c");
  });

  it("turns a numeric grouping variable into levels in numeric order", () => {
    const parts = buildModelParts("y ~ (1 | k)", {
      ...small,
      k: [10, 9, 10, 9, 1, 1, 10, 9, 1, 10, 9, 1],
    });
    expect(parts.reterms[0].levels).toEqual(["1", "9", "10"]);
  });

  it("has a z whose rows are the term's columns per observation", () => {
    const parts = buildModelParts("y ~ (1 + x | g)", small, { kind: "glmm" });
    expect(Array.from(parts.reterms[0].z.subarray(0, 4))).toEqual([1, 1, 1, 5]);
  });
});

describe("missing data", () => {
  it("drops rows with a missing value in a used variable only", () => {
    const data = {
      ...small,
      y: small.y.map((v, i) => (i === 2 ? Number.NaN : v)),
      g: small.g.map((v, i) => (i === 5 ? null : v)),
      unused: small.y.map(() => null),
    };
    const parts = buildModelParts("y ~ x + (1 | g)", data);
    expect(parts.n).toBe(10);
    expect(Array.from(parts.droppedRows)).toEqual([2, 5]);
    expect(parts.y[2]).toBe(small.y[3]);
  });

  it("drops levels that no longer occur", () => {
    const data = { ...small, f: small.f.map((v) => (v === "c" ? null : v)) };
    expect(buildModelParts("y ~ f + (1 | g)", data).X.names).toEqual(["(Intercept)", "fb"]);
  });
});

describe("bad input", () => {
  function thrown(run: () => unknown): DataError & ModelError {
    try {
      run();
    } catch (error) {
      return error as DataError & ModelError;
    }
    throw new Error("expected an error");
  }

  it("names an unknown column and the closest existing one", () => {
    const error = thrown(() => buildModelParts("Reation ~ Days + (1 | Subject)", sleepstudy()));
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toMatch(/column 'Reation' not found; did you mean 'Reaction'\?/);
    expect(error.column).toBe("Reation");
  });

  it("requires a random-effects term", () => {
    const error = thrown(() => buildModelParts("y ~ x", small));
    expect(error).toBeInstanceOf(ModelError);
    expect(error.message).toMatch(/no random-effects term/);
  });

  it("rejects ±Infinity, naming the column and the first row", () => {
    const data = { ...small, x: small.x.map((v, i) => (i === 4 ? Number.NEGATIVE_INFINITY : v)) };
    const error = thrown(() => buildModelParts("y ~ x + (1 | g)", data));
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toMatch(/column 'x' is -Infinity in row 4/);
    expect(error.row).toBe(4);
  });

  it("rejects a constant, a categorical and a non-finite response", () => {
    const constant = thrown(() =>
      buildModelParts("y ~ (1 | g)", { ...small, y: small.y.map(() => 2) }),
    );
    expect(constant).toBeInstanceOf(DataError);
    expect(constant.message).toMatch(/response 'y' is constant/);
    const categorical = thrown(() => buildModelParts("f ~ (1 | g)", small));
    expect(categorical).toBeInstanceOf(DataError);
    expect(categorical.message).toMatch(/response 'f' is categorical/);
    const nan = thrown(() => buildModelParts("log(y - 3) ~ (1 | g)", small));
    expect(nan).toBeInstanceOf(DataError);
    expect(nan.message).toMatch(/'log\(y - 3\)' is NaN in row 1/);
  });

  it("rejects empty data after dropping missing rows", () => {
    const error = thrown(() =>
      buildModelParts("y ~ (1 | g)", { ...small, y: small.y.map(() => null) }),
    );
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toMatch(/no rows left.*'y' is missing in every row/);
  });

  it("rejects contrasts for a name that is neither a column nor a term", () => {
    const error = thrown(() =>
      buildModelParts("y ~ f + (1 | g)", small, { contrasts: { ff: "sum" } }),
    );
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toMatch(/contrasts given for 'ff'.*did you mean 'f'\?/);
  });

  it("rejects a categorical column in arithmetic", () => {
    const error = thrown(() => buildModelParts("y ~ log(f) + (1 | g)", small));
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toMatch(/column 'f' is categorical, but 'log\(f\)' uses it as a number/);
  });

  it("applies lme4's grouping checks, naming the term", () => {
    const one = thrown(() =>
      buildModelParts("y ~ (1 | one)", { ...small, one: small.y.map(() => "a") }),
    );
    expect(one).toBeInstanceOf(ModelError);
    expect(one.message).toMatch(/'one' of \(1 \| one\) has 1 level/);
    expect(one.term).toBe("(1 | one)");
    const perRow = thrown(() =>
      buildModelParts("y ~ (1 | id)", { ...small, id: small.y.map((_, i) => `r${i}`) }),
    );
    expect(perRow.message).toMatch(/12 levels for 12 observations/);
    const table = sleepstudy();
    const rows = Array.from({ length: table.nrow }, (_, i) => i).filter((i) => i % 10 < 2);
    const numeric = (name: string) => (table.columns[name] as { values: Float64Array }).values;
    const twoDays = {
      Reaction: rows.map((i) => numeric("Reaction")[i]),
      Days: rows.map((i) => numeric("Days")[i]),
      Subject: rows.map((i) => String(Math.floor(i / 10))),
    };
    const tooMany = thrown(() => buildModelParts("Reaction ~ Days + (Days | Subject)", twoDays));
    expect(tooMany).toBeInstanceOf(ModelError);
    expect(tooMany.message).toMatch(
      /36 random effects \(18 levels × 2 columns\) for 36 observations/,
    );
  });

  it("relaxes the level and random-effects counts for kind: glmm, as glmer does", () => {
    const perRow = { ...small, id: small.y.map((_, i) => `r${i}`) };
    expect(
      buildModelParts("y ~ (1 | id)", perRow, { kind: "glmm" }).reterms[0].levels,
    ).toHaveLength(12);
    expect(() => buildModelParts("y ~ (1 + x | g)", small)).not.toThrow();
    const sixRows = {
      y: [1, 2, 3, 4, 5, 7],
      x: [1, 2, 1, 2, 1, 3],
      g: ["a", "a", "b", "b", "c", "c"],
    };
    expect(() => buildModelParts("y ~ (1 + x | g)", sixRows)).toThrowError(ModelError);
    expect(buildModelParts("y ~ (1 + x | g)", sixRows, { kind: "glmm" }).reterms[0].s).toBe(2);
  });

  it("rejects invalid weights and unequal column lengths", () => {
    const negative = thrown(() =>
      buildModelParts("y ~ (1 | g)", small, { weights: small.x.map((v) => -v) }),
    );
    expect(negative.message).toMatch(/weights must be positive and finite/);
    const short = thrown(() => buildModelParts("y ~ (1 | g)", small, { weights: [1, 2] }));
    expect(short.message).toMatch(/weights: 2 values given/);
    const unequal = thrown(() => buildModelParts("y ~ (1 | g)", { ...small, x: [1, 2] }));
    expect(unequal).toBeInstanceOf(DataError);
    expect(unequal.message).toMatch(/unequal lengths/);
  });
});

describe("coefficient names", () => {
  it("converts between lme4's and MixedModels.jl's style through the schema", () => {
    const parts = buildModelParts("y ~ f * x + (1 | g)", small);
    expect(coefficientNames(parts)).toEqual(["(Intercept)", "fb", "fc", "x", "fb:x", "fc:x"]);
    expect(coefficientNames(parts, "mixedmodels")).toEqual([
      "(Intercept)",
      "f: b",
      "f: c",
      "x",
      "f: b & x",
      "f: c & x",
    ]);
    expect(toMixedModelsName("fb:x", parts)).toBe("f: b & x");
    expect(toLme4Name("f: c & x", parts)).toBe("fc:x");
    expect(() => toMixedModelsName("nope", parts)).toThrowError(ModelError);
  });
});
