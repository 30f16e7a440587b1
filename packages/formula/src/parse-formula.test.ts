import { describe, expect, it } from "vitest";
import { fixedLabels } from "../test/formula-structure";
import { formatFormula } from "./format-formula";
import { parseFormula } from "./parse-formula";

const labels = (text: string) => fixedLabels(parseFormula(text));
const randomLabels = (text: string) => parseFormula(text).random.map((term) => term.label);

describe("parseFormula: fixed part", () => {
  it("reads the seed formulas", () => {
    const dyestuff = parseFormula("Yield ~ 1 + (1 | Batch)");
    expect(dyestuff.responseLabel).toBe("Yield");
    expect(dyestuff.intercept).toBe(true);
    expect(dyestuff.fixed).toEqual([]);
    expect(dyestuff.random).toHaveLength(1);
    expect(dyestuff.random[0].intercept).toBe(true);
    expect(dyestuff.random[0].terms).toEqual([]);
    expect(dyestuff.random[0].groupingLabel).toBe("Batch");
    expect(dyestuff.variables).toEqual(["Yield", "Batch"]);

    const insteval = parseFormula("y ~ 1 + dept*service + (1|s) + (1|d)");
    expect(fixedLabels(insteval)).toEqual(["(Intercept)", "dept", "service", "dept:service"]);
    expect(insteval.random.map((t) => t.groupingLabel)).toEqual(["s", "d"]);
    expect(insteval.fixed[2].degree).toBe(2);
    expect(insteval.fixed[2].factors.map((f) => f.label)).toEqual(["dept", "service"]);

    const sleep = parseFormula("Reaction ~ 1 + Days + (1+Days|Subject)");
    expect(fixedLabels(sleep)).toEqual(["(Intercept)", "Days"]);
    expect(sleep.random[0].intercept).toBe(true);
    expect(sleep.random[0].terms.map((t) => t.label)).toEqual(["Days"]);
    expect(sleep.random[0].correlated).toBe(true);
    expect(sleep.random[0].label).toBe("(1 + Days | Subject)");
  });

  it("controls the intercept with 1, 0, -1 and + 0, the last one winning", () => {
    expect(parseFormula("y ~ x").intercept).toBe(true);
    expect(parseFormula("y ~ 0 + x").intercept).toBe(false);
    expect(parseFormula("y ~ x + 0").intercept).toBe(false);
    expect(parseFormula("y ~ -1 + x").intercept).toBe(false);
    expect(parseFormula("y ~ x - 1").intercept).toBe(false);
    expect(parseFormula("y ~ 0 + x + 1").intercept).toBe(true);
    expect(parseFormula("y ~ x - 0").intercept).toBe(true);
    expect(parseFormula("y ~ 0 + (1 | g)").intercept).toBe(false);
    expect(parseFormula("y ~ (1 | g)").intercept).toBe(true);
    expect(parseFormula("y ~ (0 + x)").intercept).toBe(false);
  });

  it("expands crossing, interaction, power, nesting and %in% as R's terms() does", () => {
    expect(labels("y ~ a*b")).toEqual(["(Intercept)", "a", "b", "a:b"]);
    expect(labels("y ~ a:b")).toEqual(["(Intercept)", "a:b"]);
    expect(labels("y ~ a & b")).toEqual(["(Intercept)", "a:b"]);
    expect(labels("y ~ a*b*c")).toEqual([
      "(Intercept)",
      "a",
      "b",
      "c",
      "a:b",
      "a:c",
      "b:c",
      "a:b:c",
    ]);
    expect(labels("y ~ (a + b + c)^2")).toEqual([
      "(Intercept)",
      "a",
      "b",
      "c",
      "a:b",
      "a:c",
      "b:c",
    ]);
    expect(labels("y ~ (a + b + c)^3")).toEqual(labels("y ~ a*b*c"));
    expect(labels("y ~ (a + b)^5")).toEqual(["(Intercept)", "a", "b", "a:b"]);
    expect(labels("y ~ a/b")).toEqual(["(Intercept)", "a", "a:b"]);
    expect(labels("y ~ (a + b)/c")).toEqual(["(Intercept)", "a", "b", "a:b:c"]);
    expect(labels("y ~ a/b/c")).toEqual(["(Intercept)", "a", "a:b", "a:b:c"]);
    expect(labels("y ~ a + b %in% a")).toEqual(["(Intercept)", "a", "a:b"]);
    expect(labels("y ~ b %in% a")).toEqual(["(Intercept)", "b:a"]);
    expect(labels("y ~ a*(b + c)")).toEqual(["(Intercept)", "a", "b", "c", "a:b", "a:c"]);
    expect(labels("y ~ a:(b + c)")).toEqual(["(Intercept)", "a:b", "a:c"]);
    expect(labels("y ~ x^2")).toEqual(["(Intercept)", "x"]);
  });

  it("removes terms with '-' and drops duplicates", () => {
    expect(labels("y ~ a*b - a")).toEqual(["(Intercept)", "b", "a:b"]);
    expect(labels("y ~ a*b*c - a:b:c")).toEqual([
      "(Intercept)",
      "a",
      "b",
      "c",
      "a:b",
      "a:c",
      "b:c",
    ]);
    expect(labels("y ~ a + b - (a + b) + c")).toEqual(["(Intercept)", "c"]);
    expect(labels("y ~ a + a + a:b + b:a")).toEqual(["(Intercept)", "a", "a:b"]);
    expect(labels("y ~ a - b")).toEqual(["(Intercept)", "a"]);
    expect(labels("y ~ (a + b) + (c - 1)")).toEqual(["a", "b", "c"]);
  });

  it("orders terms by degree, stably, and factors by first appearance", () => {
    expect(labels("y ~ a:b + c + d:e:f + g")).toEqual(["(Intercept)", "c", "g", "a:b", "d:e:f"]);
    expect(labels("y ~ service*dept")).toEqual(["(Intercept)", "service", "dept", "service:dept"]);
    expect(labels("y ~ b:a + a")).toEqual(["(Intercept)", "a", "b:a"]);
    expect(labels("y ~ a + b + b:a")).toEqual(["(Intercept)", "a", "b", "a:b"]);
  });

  it("keeps transforms as single factors with canonical labels", () => {
    const formula = parseFormula(
      "log(y) ~ log(x) + I(x^2) + poly(x,2) + scale(z) + center(z) + factor(g)",
    );
    expect(formula.responseLabel).toBe("log(y)");
    expect(formula.fixed.map((t) => t.label)).toEqual([
      "log(x)",
      "I(x^2)",
      "poly(x, 2)",
      "scale(z)",
      "center(z)",
      "factor(g)",
    ]);
    expect(formula.fixed[1].factors[0].expr.kind).toBe("call");
    expect(formula.fixed[1].factors[0].variables).toEqual(["x"]);
    expect(labels("y ~ I(2*x - 1) + I(-x) + I((x + 1)^2) + sqrt(abs(x)) + exp(x/2)")).toEqual([
      "(Intercept)",
      "I(2 * x - 1)",
      "I(-x)",
      "I((x + 1)^2)",
      "sqrt(abs(x))",
      "exp(x / 2)",
    ]);
    expect(labels("y ~ log(x, 2) + log(x, base)")).toEqual([
      "(Intercept)",
      "log(x, 2)",
      "log(x, base)",
    ]);
    expect(labels("y ~ log10(x) + log2(x) + log(x):g")).toEqual([
      "(Intercept)",
      "log10(x)",
      "log2(x)",
      "log(x):g",
    ]);
  });

  it("keeps each factor's source expression with spans into the text", () => {
    const text = "y ~ log(x) + a:b + (0 + fulldummy(f) | g)";
    const formula = parseFormula(text);
    const source = (span: { start: number; end: number }) => text.slice(span.start, span.end);
    expect(formula.fixed.flatMap((t) => t.factors.map((f) => source(f.expr.span)))).toEqual([
      "log(x)",
      "a",
      "b",
    ]);
    expect(source(formula.random[0].terms[0].factors[0].expr.span)).toBe("f");
    expect(source(formula.random[0].grouping[0].expr.span)).toBe("g");
    expect(formula.ast.rhs.kind).toBe("binary");
  });

  it("reads responses with transforms", () => {
    expect(parseFormula("1000 / rt ~ x").responseLabel).toBe("1000 / rt");
    expect(parseFormula("1000/rt ~ x").response?.kind).toBe("binary");
    const proportion = parseFormula("(incid / hsz) ~ period");
    expect(proportion.responseLabel).toBe("incid / hsz");
    expect(proportion.response?.kind).toBe("binary");
    expect(proportion.variables).toEqual(["incid", "hsz", "period"]);
    expect(parseFormula("~ x + (1 | g)").response).toBeNull();
    expect(parseFormula("~ x + (1 | g)").responseLabel).toBeNull();
  });

  it("sends offset(...) to offsets, not to the fixed terms", () => {
    const formula = parseFormula("y ~ x + offset(log(n)) + (1 | g)");
    expect(formula.fixed.map((t) => t.label)).toEqual(["x"]);
    expect(formula.offsets).toHaveLength(1);
    expect(formula.offsets[0].kind).toBe("call");
    expect(formula.variables).toEqual(["y", "x", "n", "g"]);
  });

  it("lists each used column once, in order of first appearance, response first", () => {
    expect(parseFormula("y ~ (1 + x | g) + x:z + log(w)").variables).toEqual([
      "y",
      "x",
      "g",
      "z",
      "w",
    ]);
    expect(parseFormula("y ~ a + b - b").variables).toEqual(["y", "a"]);
  });

  it("accepts extra functions through options", () => {
    const formula = parseFormula("y ~ logit(p) + atan2(a, b)", { functions: ["logit", "atan2"] });
    expect(formula.fixed.map((t) => t.label)).toEqual(["logit(p)", "atan2(a, b)"]);
    expect(formula.fixed[1].factors[0].variables).toEqual(["a", "b"]);
  });

  it("reads backticked names, comments and line breaks", () => {
    const formula = parseFormula("`reaction time` ~ 1 + `day count` # a comment\n + (1 | Subject)");
    expect(formula.responseLabel).toBe("`reaction time`");
    expect(formula.fixed[0].factors[0].variables).toEqual(["day count"]);
    expect(formatFormula(formula)).toBe("`reaction time` ~ 1 + `day count` + (1 | Subject)");
    const dotted = parseFormula("y ~ `.` + `1st` + x.2 + .z");
    expect(dotted.fixed.map((t) => t.label)).toEqual(["`.`", "`1st`", "x.2", ".z"]);
    expect(formatFormula(parseFormula(formatFormula(dotted)))).toBe(formatFormula(dotted));
  });
});

describe("parseFormula: random-effects terms", () => {
  it("adds an implicit intercept unless 0 or -1 removes it", () => {
    expect(randomLabels("y ~ (x | g)")).toEqual(["(1 + x | g)"]);
    expect(randomLabels("y ~ (0 + x | g)")).toEqual(["(0 + x | g)"]);
    expect(randomLabels("y ~ (-1 + x | g)")).toEqual(["(0 + x | g)"]);
    expect(randomLabels("y ~ (x - 1 | g)")).toEqual(["(0 + x | g)"]);
    expect(parseFormula("y ~ (0 + x | g)").random[0].intercept).toBe(false);
  });

  it("splits || into uncorrelated terms exactly as lme4 does", () => {
    const formula = parseFormula("y ~ (1 + x + z || g)");
    expect(formula.random.map((t) => t.label)).toEqual(["(1 | g)", "(0 + x | g)", "(0 + z | g)"]);
    expect(formula.random.every((t) => t.correlated)).toBe(true);
    expect(randomLabels("y ~ (x || g)")).toEqual(["(1 | g)", "(0 + x | g)"]);
    expect(randomLabels("y ~ (0 + x + z || g)")).toEqual(["(0 + x | g)", "(0 + z | g)"]);
    expect(randomLabels("y ~ (x*z || g)")).toEqual([
      "(1 | g)",
      "(0 + x | g)",
      "(0 + z | g)",
      "(0 + x:z | g)",
    ]);
    expect(randomLabels("y ~ (1 || g)")).toEqual(["(1 | g)"]);
  });

  it("keeps zerocorr(...) as one term with correlated: false", () => {
    const formula = parseFormula("y ~ x + zerocorr(1 + x | g)");
    expect(formula.random).toHaveLength(1);
    expect(formula.random[0].correlated).toBe(false);
    expect(formula.random[0].terms.map((t) => t.label)).toEqual(["x"]);
    expect(formula.random[0].label).toBe("zerocorr(1 + x | g)");
  });

  it("groups by interactions, written with ':' or '&'", () => {
    for (const text of ["y ~ (1 | a:b)", "y ~ (1 | a & b)", "y ~ (1 | (a:b))"]) {
      const [term] = parseFormula(text).random;
      expect(term.grouping.map((f) => f.label)).toEqual(["a", "b"]);
      expect(term.groupingLabel).toBe("a:b");
      expect(term.label).toBe("(1 | a:b)");
    }
  });

  it("expands nesting outer level first, labelling inner levels as lme4 does", () => {
    const nested = parseFormula("strength ~ 1 + (1 | batch/cask)");
    expect(nested.random.map((t) => t.groupingLabel)).toEqual(["batch", "cask:batch"]);
    expect(nested.random[1].grouping.map((f) => f.variables[0])).toEqual(["cask", "batch"]);
    expect(randomLabels("y ~ (1 | a/b/c)")).toEqual(["(1 | a)", "(1 | b:a)", "(1 | c:b:a)"]);
    expect(randomLabels("y ~ (x | a/b)")).toEqual(["(1 + x | a)", "(1 + x | b:a)"]);
    expect(randomLabels("y ~ (x || a/b)")).toEqual([
      "(1 | a)",
      "(1 | b:a)",
      "(0 + x | a)",
      "(0 + x | b:a)",
    ]);
    expect(randomLabels("y ~ (1 | a/(b:c))")).toEqual(["(1 | a)", "(1 | b:c:a)"]);
    expect(randomLabels("y ~ zerocorr(x | a/b)")).toEqual([
      "zerocorr(1 + x | a)",
      "zerocorr(1 + x | b:a)",
    ]);
  });

  it("marks fulldummy(f) factors and expands the left side like fixed terms", () => {
    const [term] = parseFormula("y ~ (0 + fulldummy(f) | g)").random;
    expect(term.terms[0].factors[0].fulldummy).toBe(true);
    expect(term.terms[0].factors[0].label).toBe("f");
    expect(term.terms[0].factors[0].expr.kind).toBe("variable");
    expect(term.label).toBe("(0 + fulldummy(f) | g)");
    expect(randomLabels("y ~ (a*b | g)")).toEqual(["(1 + a + b + a:b | g)"]);
    expect(parseFormula("y ~ fulldummy(f)").fixed[0].factors[0].fulldummy).toBe(true);
  });

  it("keeps random terms in formula order, with spans pointing at the source", () => {
    const text = "y ~ (1|b) + x + (1|a) + (0 + x|b)";
    const formula = parseFormula(text);
    expect(formula.random.map((t) => t.label)).toEqual(["(1 | b)", "(1 | a)", "(0 + x | b)"]);
    expect(formula.random.map((t) => text.slice(t.span.start, t.span.end))).toEqual([
      "(1|b)",
      "(1|a)",
      "(0 + x|b)",
    ]);
  });

  it("accepts bar terms inside parenthesised sums at the top level", () => {
    expect(randomLabels("y ~ x + ((1 | g) + (1 | h))")).toEqual(["(1 | g)", "(1 | h)"]);
    expect(randomLabels("y ~ ((1 | g))")).toEqual(["(1 | g)"]);
  });
});
