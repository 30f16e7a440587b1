import { DataError, ModelError } from "@mixedmodels/core";
import { describe, expect, it } from "vitest";
import {
  bar,
  binary,
  call,
  model,
  number,
  term,
  transform,
  variable,
} from "../test/formula-helper";
import { loadDataset } from "../test/load-fixture";
import { buildModelParts } from "./build-model-parts";
import { coefficientNames, toLme4Name, toMixedModelsName } from "./coefficient-names";

const sleepstudy = () => loadDataset("sleepstudy");
const days = [term("Days")];
const reactionDays = (random = [bar({ terms: days }, "Subject")]) =>
  model({ response: "Reaction", fixed: days, random });

/** 12 rows: f in a, b, c; x numeric; g in 4 groups; y varies. */
const small = {
  y: [3.1, 2.4, 5.6, 1.2, 7.7, 3.3, 2.2, 6.1, 4.4, 5.0, 2.9, 3.8],
  x: [1, 5, 2, 8, 3, 6, 4, 7, 9, 2, 5, 1],
  f: ["a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c"],
  h: ["u", "u", "v", "v", "u", "u", "v", "v", "u", "v", "u", "v"],
  g: ["g1", "g1", "g1", "g2", "g2", "g2", "g3", "g3", "g3", "g4", "g4", "g4"],
};
const onG = [bar({}, "g")];

function namesFor(fixed: ReturnType<typeof term>[], intercept = true): readonly string[] {
  return buildModelParts(model({ response: "y", intercept, fixed, random: onG }), small).X.allNames;
}

describe("buildModelParts on sleepstudy", () => {
  it("builds y, X and a 2-column term with an unstructured θ layout", () => {
    const parts = buildModelParts(reactionDays(), sleepstudy());
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
      reactionDays([bar({}, "Subject"), bar({ intercept: false, terms: days }, "Subject")]),
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
      reactionDays([bar({}, "Subject"), bar({ intercept: false, terms: days }, "Subject")]),
      sleepstudy(),
      { amalgamate: false },
    );
    expect(parts.reterms.map((re) => re.columnNames)).toEqual([["(Intercept)"], ["Days"]]);
  });

  it("gives a zerocorr term a diagonal θ", () => {
    const parts = buildModelParts(
      reactionDays([bar({ terms: days, correlated: false }, "Subject")]),
      sleepstudy(),
    );
    const [re] = parts.reterms;
    expect(re.diagonal).toBe(true);
    expect(Array.from(re.thetaRows)).toEqual([0, 1]);
  });

  it("sorts terms by ℓ·s descending, stably", () => {
    const table = loadDataset("penicillin");
    const parts = buildModelParts(
      model({ response: "diameter", random: [bar({}, "sample"), bar({}, "plate")] }),
      table,
    );
    expect(parts.reterms.map((re) => re.group)).toEqual(["plate", "sample"]);
  });
});

describe("R's coding rules for fixed effects", () => {
  it("codes a factor by contrasts when its margin is present (y ~ x + x:f)", () => {
    expect(namesFor([term("x"), term("x", "f")])).toEqual(["(Intercept)", "x", "x:fb", "x:fc"]);
  });

  it("codes a factor fully when its margin is absent (y ~ x:f, y ~ f + f:x)", () => {
    expect(namesFor([term("x", "f")])).toEqual(["(Intercept)", "x:fa", "x:fb", "x:fc"]);
    expect(namesFor([term("f"), term("f", "x")])).toEqual([
      "(Intercept)",
      "fb",
      "fc",
      "fa:x",
      "fb:x",
      "fc:x",
    ]);
  });

  it("without an intercept, only the first factor gets a column per level (y ~ 0 + f + h)", () => {
    expect(namesFor([term("f"), term("h")], false)).toEqual(["fa", "fb", "fc", "hv"]);
    expect(namesFor([term("x"), term("x", "f")], false)).toEqual(["x", "x:fa", "x:fb", "x:fc"]);
  });

  it("gives y ~ f:h every cell, and the rank check drops one beside the intercept", () => {
    const parts = buildModelParts(
      model({ response: "y", fixed: [term("f", "h")], random: onG }),
      small,
    );
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
    const parts = buildModelParts(
      model({
        response: "y",
        fixed: [term("f"), term("x"), term("f", "x")],
        random: [bar({}, "g")],
      }),
      data,
    );
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
      model({ response: "y", fixed: [term("f"), term("x")], random: onG }),
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
  });

  it("drops a collinear column by name and keeps the intercept", () => {
    const data = { ...small, x2: small.x.map((v) => 2 * v) };
    const parts = buildModelParts(
      model({ response: "y", fixed: [term("x"), term("x2")], random: onG }),
      data,
    );
    expect(parts.X.p).toBe(2);
    expect(parts.X.aliased).toHaveLength(1);
    expect(parts.X.names[0]).toBe("(Intercept)");
    const fulldummy = buildModelParts(
      model({
        response: "y",
        fixed: [term(transform("fulldummy(f)", variable("f"), true))],
        random: onG,
      }),
      small,
    );
    expect(fulldummy.X.allNames).toEqual([
      "(Intercept)",
      "fulldummy(f)a",
      "fulldummy(f)b",
      "fulldummy(f)c",
    ]);
    expect(fulldummy.X.names[0]).toBe("(Intercept)");
    expect(fulldummy.X.aliased).toHaveLength(1);
    expect(Array.from(fulldummy.X.kept)).toEqual([...fulldummy.X.kept].sort());
  });
});

describe("transforms", () => {
  it("evaluates log, I(x^2), scale, center and poly per row", () => {
    const build = (...factors: ReturnType<typeof transform>[]) =>
      buildModelParts(
        model({ response: "y", fixed: factors.map((f) => term(f)), random: onG }),
        small,
      );
    const column = (parts: ReturnType<typeof build>, name: string) => {
      const j = parts.X.names.indexOf(name);
      expect(j).toBeGreaterThan(0);
      return Array.from(parts.X.data.subarray(j * parts.n, (j + 1) * parts.n));
    };
    const parts = build(
      transform("log(x)", call("log", variable("x"))),
      transform("I(x^2)", call("I", binary("^", variable("x"), number(2)))),
      transform("scale(x)", call("scale", variable("x"))),
    );
    expect(parts.X.names).toEqual(["(Intercept)", "log(x)", "I(x^2)", "scale(x)"]);
    expect(column(parts, "log(x)")[1]).toBeCloseTo(Math.log(5), 14);
    expect(column(parts, "I(x^2)")[3]).toBe(64);
    const scaled = column(parts, "scale(x)");
    const n = parts.n;
    const mean = scaled.reduce((a, b) => a + b, 0) / n;
    const variance = scaled.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
    expect(mean).toBeCloseTo(0, 12);
    expect(variance).toBeCloseTo(1, 12);
    const centred = build(transform("center(x)", call("center", variable("x"))));
    expect(column(centred, "center(x)").reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
    const poly = build(transform("poly(x, 2)", call("poly", variable("x"), number(2))));
    expect(poly.X.names).toEqual(["(Intercept)", "poly(x, 2)1", "poly(x, 2)2"]);
    const linear = column(poly, "poly(x, 2)1");
    expect(linear.reduce((a, b) => a + b * b, 0)).toBeCloseTo(1, 12);
    expect(linear.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
  });

  it("evaluates a response transform and factor(x)", () => {
    const parts = buildModelParts(
      model({
        response: { label: "1000/y", expr: binary("/", number(1000), variable("y")) },
        fixed: [term(transform("factor(x)", call("factor", variable("x"))))],
        random: onG,
      }),
      { ...small, x: small.x.map((v) => (v % 3) * 5) },
    );
    expect(parts.responseName).toBe("1000/y");
    expect(parts.y[0]).toBeCloseTo(1000 / 3.1, 12);
    expect(parts.X.names).toEqual(["(Intercept)", "factor(x)5", "factor(x)10"]);
  });

  it("sums offsets and reads weights from a column or an array", () => {
    const parts = buildModelParts(
      model({ response: "y", fixed: [term("x")], random: onG, offsets: [variable("x")] }),
      { ...small, w: small.x.map((v) => v / 2) },
      { weights: "w" },
    );
    expect(Array.from(parts.offset ?? [])).toEqual(small.x);
    expect(parts.weights?.[1]).toBe(2.5);
    const byArray = buildModelParts(model({ response: "y", random: onG }), small, {
      weights: small.x.map((v, i) => (i === 0 ? Number.NaN : v)),
    });
    expect(Array.from(byArray.droppedRows)).toEqual([0]);
    expect(byArray.weights?.length).toBe(11);
  });
});

describe("random-effects terms", () => {
  it("codes a factor fully without an intercept and by contrasts with one", () => {
    const f = [term("f")];
    const without = buildModelParts(
      model({ response: "y", random: [bar({ intercept: false, terms: f }, "h")] }),
      small,
      { kind: "glmm" },
    );
    expect(without.reterms[0].columnNames).toEqual(["fa", "fb", "fc"]);
    const withIntercept = buildModelParts(
      model({ response: "y", random: [bar({ terms: f }, "h")] }),
      small,
      { kind: "glmm" },
    );
    expect(withIntercept.reterms[0].columnNames).toEqual(["(Intercept)", "fb", "fc"]);
    expect(withIntercept.reterms[0].mixedModelsColumnNames).toEqual([
      "(Intercept)",
      "f: b",
      "f: c",
    ]);
    const full = buildModelParts(
      model({
        response: "y",
        random: [bar({ terms: [term(transform("fulldummy(f)", variable("f"), true))] }, "h")],
      }),
      small,
      { kind: "glmm" },
    );
    expect(full.reterms[0].columnNames).toEqual([
      "(Intercept)",
      "fulldummy(f)a",
      "fulldummy(f)b",
      "fulldummy(f)c",
    ]);
  });

  it("builds an interaction grouping factor from the observed combinations, first factor slowest", () => {
    const parts = buildModelParts(model({ response: "y", random: [bar({}, "h", "f")] }), small);
    const [re] = parts.reterms;
    expect(re.group).toBe("h:f");
    expect(re.levels).toEqual(["u:a", "u:b", "u:c", "v:a", "v:b", "v:c"]);
    expect(re.levels[re.refs[2]]).toBe("v:c");
  });

  it("turns a numeric grouping variable into levels in numeric order", () => {
    const parts = buildModelParts(model({ response: "y", random: [bar({}, "k")] }), {
      ...small,
      k: [10, 9, 10, 9, 1, 1, 10, 9, 1, 10, 9, 1],
    });
    expect(parts.reterms[0].levels).toEqual(["1", "9", "10"]);
  });

  it("has a z whose rows are the term's columns per observation", () => {
    const parts = buildModelParts(
      model({ response: "y", random: [bar({ terms: [term("x")] }, "g")] }),
      small,
      { kind: "glmm" },
    );
    const [re] = parts.reterms;
    expect(Array.from(re.z.subarray(0, 4))).toEqual([1, 1, 1, 5]);
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
    const parts = buildModelParts(model({ response: "y", fixed: [term("x")], random: onG }), data);
    expect(parts.n).toBe(10);
    expect(Array.from(parts.droppedRows)).toEqual([2, 5]);
    expect(parts.y[2]).toBe(small.y[3]);
  });

  it("drops levels that no longer occur", () => {
    const data = { ...small, f: small.f.map((v) => (v === "c" ? null : v)) };
    const parts = buildModelParts(model({ response: "y", fixed: [term("f")], random: onG }), data);
    expect(parts.X.names).toEqual(["(Intercept)", "fb"]);
  });
});

describe("bad input", () => {
  const expectError = (
    run: () => unknown,
    type: typeof DataError | typeof ModelError,
    message: RegExp,
  ) => {
    let caught: unknown;
    try {
      run();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(type);
    expect((caught as Error).message).toMatch(message);
    return caught as DataError & ModelError;
  };

  it("names an unknown column and the closest existing one", () => {
    const error = expectError(
      () =>
        buildModelParts(
          model({ response: "Reation", fixed: days, random: [bar({}, "Subject")] }),
          sleepstudy(),
        ),
      DataError,
      /column 'Reation' not found; did you mean 'Reaction'\?/,
    );
    expect(error.column).toBe("Reation");
  });

  it("requires a random-effects term", () => {
    expectError(
      () => buildModelParts(model({ response: "y", random: [] }), small),
      ModelError,
      /no random-effects term/,
    );
  });

  it("rejects ±Infinity, naming the column and the first row", () => {
    const error = expectError(
      () =>
        buildModelParts(model({ response: "y", fixed: [term("x")], random: onG }), {
          ...small,
          x: small.x.map((v, i) => (i === 4 ? Number.POSITIVE_INFINITY : v)),
        }),
      DataError,
      /column 'x' is Infinity in row 4/,
    );
    expect(error.row).toBe(4);
  });

  it("rejects a constant, a categorical and a non-finite response", () => {
    expectError(
      () =>
        buildModelParts(model({ response: "y", random: onG }), {
          ...small,
          y: small.y.map(() => 2),
        }),
      DataError,
      /response 'y' is constant/,
    );
    expectError(
      () => buildModelParts(model({ response: "f", random: onG }), small),
      DataError,
      /response 'f' is categorical/,
    );
    expectError(
      () =>
        buildModelParts(
          model({
            response: {
              label: "log(y - 3)",
              expr: call("log", binary("-", variable("y"), number(3))),
            },
            random: onG,
          }),
          small,
        ),
      DataError,
      /'log\(y - 3\)' is NaN in row 1/,
    );
  });

  it("rejects empty data after dropping missing rows", () => {
    expectError(
      () =>
        buildModelParts(model({ response: "y", random: onG }), {
          ...small,
          y: small.y.map(() => null),
        }),
      DataError,
      /no rows left.*'y' is missing in every row/,
    );
  });

  it("rejects a categorical column in arithmetic", () => {
    expectError(
      () =>
        buildModelParts(
          model({
            response: "y",
            fixed: [term(transform("log(f)", call("log", variable("f"))))],
            random: onG,
          }),
          small,
        ),
      DataError,
      /column 'f' is categorical, but 'log\(f\)' uses it as a number/,
    );
  });

  it("applies lme4's grouping checks, naming the term", () => {
    expectError(
      () =>
        buildModelParts(model({ response: "y", random: [bar({}, "one")] }), {
          ...small,
          one: small.y.map(() => "a"),
        }),
      ModelError,
      /'one' of \(1 \| one\) has 1 level/,
    );
    expectError(
      () =>
        buildModelParts(model({ response: "y", random: [bar({}, "id")] }), {
          ...small,
          id: small.y.map((_, i) => `r${i}`),
        }),
      ModelError,
      /12 levels for 12 observations/,
    );
    const twoDays = loadDataset("sleepstudy");
    const rows = Array.from({ length: twoDays.nrow }, (_, i) => i).filter((i) => i % 10 < 2);
    const subset = {
      Reaction: rows.map((i) => (twoDays.columns.Reaction as { values: Float64Array }).values[i]),
      Days: rows.map((i) => (twoDays.columns.Days as { values: Float64Array }).values[i]),
      Subject: rows.map((i) => String(Math.floor(i / 10))),
    };
    expectError(
      () => buildModelParts(reactionDays(), subset),
      ModelError,
      /36 random effects \(18 levels × 2 columns\) for 36 observations/,
    );
  });

  it("rejects invalid weights and unequal column lengths", () => {
    expectError(
      () =>
        buildModelParts(model({ response: "y", random: onG }), small, {
          weights: small.x.map((v) => -v),
        }),
      DataError,
      /weights must be positive and finite/,
    );
    expectError(
      () => buildModelParts(model({ response: "y", random: onG }), small, { weights: [1, 2] }),
      DataError,
      /weights have 2 values/,
    );
    expectError(
      () => buildModelParts(model({ response: "y", random: onG }), { ...small, x: [1, 2] }),
      DataError,
      /unequal lengths/,
    );
  });
});

describe("coefficient names", () => {
  it("converts between lme4's and MixedModels.jl's style through the schema", () => {
    const parts = buildModelParts(
      model({ response: "y", fixed: [term("f"), term("x"), term("f", "x")], random: onG }),
      small,
    );
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
