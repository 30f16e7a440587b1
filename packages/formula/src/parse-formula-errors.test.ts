import { FormulaSyntaxError, MixedModelsError } from "@mixedmodels/core";
import { describe, expect, it } from "vitest";
import { parseFormula } from "./parse-formula";

/** Parses `text`, expecting a FormulaSyntaxError at `offset` whose message matches `reason`. */
function rejection(text: string, offset: number, reason: RegExp): FormulaSyntaxError {
  let caught: unknown;
  try {
    parseFormula(text);
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected ${JSON.stringify(text)} to be rejected`).toBeInstanceOf(
    FormulaSyntaxError,
  );
  const error = caught as FormulaSyntaxError;
  expect(error.reason).toMatch(reason);
  expect(error.offset, `${error.message}`).toBe(offset);
  expect(error.code).toBe("FORMULA_SYNTAX");
  return error;
}

describe("FormulaSyntaxError", () => {
  it("carries offset, 1-based line and column, an excerpt with carets, and the reason in the message", () => {
    const error = rejection("y ~ x +\n  foo(z)", 10, /unknown function 'foo'/);
    expect(error).toBeInstanceOf(Error);
    // One hierarchy: a caller catching MixedModelsError sees formula errors too.
    expect(error).toBeInstanceOf(MixedModelsError);
    expect(error.name).toBe("FormulaSyntaxError");
    expect(error.line).toBe(2);
    expect(error.column).toBe(3);
    expect(error.excerpt).toBe("  foo(z)\n  ^^^");
    expect(error.message).toContain("unknown function 'foo'");
    expect(error.message).toContain("line 2, column 3");
    expect(error.message).toContain(error.excerpt);
  });

  it("places the caret after the last character when the formula ends too early", () => {
    const error = rejection("y ~ x +", 6, /'\+' has nothing on its right/);
    expect(error.column).toBe(7);
    expect(error.excerpt).toBe("y ~ x +\n      ^");
  });
});

describe("parseFormula rejects, pointing at the offending character", () => {
  it("an empty formula", () => {
    rejection("", 0, /formula is empty/);
    rejection("   ", 0, /formula is empty/);
  });

  it("a missing '~' or right-hand side, and a second '~'", () => {
    rejection("y + x", 5, /missing '~'/);
    rejection("y ~", 2, /right-hand side of '~' is empty/);
    rejection("y ~   ", 2, /right-hand side of '~' is empty/);
    rejection("y ~ x ~ z", 6, /only one '~'/);
    rejection("y ~ ~ z", 4, /only one '~'/);
    rejection("(y ~ x)", 3, /'~' cannot be inside parentheses/);
  });

  it("unbalanced and empty parentheses", () => {
    rejection("y ~ (a + b", 4, /unclosed '\('/);
    rejection("y ~ log(a + b", 7, /unclosed '\('/);
    rejection("y ~ a + b)", 9, /unmatched '\)'/);
    rejection("y ~ )", 4, /unmatched '\)'/);
    rejection("y ~ a + ()", 8, /empty parentheses/);
  });

  it("stray operators", () => {
    rejection("y ~ + ", 4, /'\+' has nothing on its right/);
    rejection("y ~ a ++ b", 7, /two operators in a row/);
    rejection("y ~ a + -b", 8, /two operators in a row.*write '- term'/);
    rejection("y ~ * a", 4, /'\*' has nothing on its left/);
    rejection("y ~ a * * b", 8, /'\*' has nothing on its left/);
    rejection("y ~ a : (b + )", 11, /'\+' has nothing on its right/);
    rejection(
      "y ~ a:(-b)",
      7,
      /'-' removes terms from a sum; here, inside ':', it removes nothing/,
    );
    rejection("y ~ a:-b", 6, /sign cannot be applied inside ':'/);
    rejection("y ~ (-a + b):c", 5, /inside ':', it removes nothing/);
  });

  it("an empty side of '|' and an empty random-effects term", () => {
    rejection("y ~ ( | g)", 6, /left side of '\|' is empty/);
    rejection("y ~ (x | )", 7, /right side of '\|' is empty/);
    rejection("y ~ (x || )", 7, /right side of '\|\|' is empty/);
    rejection("y ~ (0 | g)", 5, /left side of '\|' has no terms/);
    rejection("y ~ (0 || g)", 5, /left side of '\|\|' has no terms/);
  });

  it("a bar term inside '*', ':', '^', '/' or a function other than zerocorr", () => {
    rejection("y ~ x * (1|g)", 8, /random-effects term cannot be part of '\*'/);
    rejection("y ~ x:(1|g)", 6, /cannot be part of ':'/);
    rejection("y ~ (1|g)^2", 4, /cannot be part of '\^'/);
    rejection("y ~ a/(1|g)", 6, /cannot be part of '\/'/);
    rejection("y ~ log((1|g))", 8, /cannot be used inside log\(\)/);
  });

  it("a bar term inside another, or removed with '-'", () => {
    rejection("y ~ (1 + (1|h) | g)", 9, /inside another random-effects term/);
    rejection("y ~ (1 | (1|g))", 9, /inside another random-effects term/);
    rejection("y ~ x - (1|g)", 6, /cannot be removed/);
    rejection("y ~ x - (a + (1|g))", 13, /cannot be removed/);
    rejection("y ~ x - offset(n)", 6, /cannot be removed/);
  });

  it("the same variable on both sides of '|'", () => {
    rejection("y ~ (g | g)", 9, /'g' appears on both sides of '\|'/);
    rejection("y ~ (1 + log(g) | h:g)", 20, /'g' appears on both sides/);
    rejection("y ~ (x || g/x)", 12, /'x' appears on both sides of '\|\|'/);
  });

  it("a grouping side that is not a column or an interaction / nesting of columns", () => {
    rejection("y ~ (1 | 2)", 9, /not the number 2/);
    rejection("y ~ (1 | log(g))", 9, /not the transform log\(g\)/);
    rejection("y ~ (1 | a + b)", 11, /'\+' cannot combine grouping factors/);
    rejection("y ~ (1 | a*b)", 10, /'\*' cannot be used on the grouping side/);
    rejection(
      "y ~ (1 | a # comment with * and +\n * b)",
      35,
      /'\*' cannot be used on the grouping side/,
    );
    rejection("y ~ (1 | -g)", 9, /sign cannot be applied to a grouping factor/);
  });

  it("numbers other than 0 and 1 as terms, and the intercept inside an interaction", () => {
    rejection("y ~ 2 + x", 4, /number 2 is not a term/);
    rejection("y ~ x + 0.5", 8, /number 0.5 is not a term/);
    rejection("y ~ (1 + a):b", 5, /intercept '1' cannot be part of ':'/);
    rejection("y ~ (0 + a)*b", 5, /intercept '0' cannot be part of '\*'/);
    rejection("y ~ a^x", 6, /power .* must be a whole number/);
    rejection("y ~ (a + b)^0", 12, /power .* must be a whole number/);
  });

  it("trailing garbage and bad characters", () => {
    rejection("y ~ x $", 6, /unexpected character '\$'/);
    rejection("y ~ x y", 6, /missing operator .* before 'y'/);
    rejection("y ~ x 2", 6, /missing operator .* before '2'/);
    rejection("y ~ x = 2", 6, /'=': named arguments/);
    rejection("y ~ a %o% b", 6, /unknown operator '%o%'/);
    rejection("y ~ `x", 4, /unclosed backtick/);
    rejection('y ~ "x"', 4, /strings are not supported/);
    rejection("y ~ x, z", 5, /unexpected ','/);
  });

  it("unknown functions, naming the function and the known ones", () => {
    const error = rejection("y ~ x + foo(x)", 8, /unknown function 'foo'/);
    expect(error.reason).toContain("zerocorr");
    expect(error.length).toBe(3);
    rejection("y ~ a (1 | g)", 4, /unknown function 'a' \(if 'a' is a column, an operator/);
    // cbind(successes, failures) is lme4's binomial response, and only that.
    rejection("y ~ cbind(s, f)", 4, /unknown function 'cbind'/);
    rejection("cbind(s) ~ x", 0, /cbind\(\) in the response takes two arguments/);
    rejection("y ~ log(foo(x))", 8, /unknown function 'foo'/);
  });

  it("misused known functions", () => {
    rejection("y ~ log(x, 2, 3)", 14, /log\(\) takes one or two arguments \(x, base\); got 3/);
    rejection("y ~ exp(x, 2)", 11, /exp\(\) takes exactly one argument; got 2/);
    rejection("y ~ poly(x, (2))", 12, /degree of poly/);
    rejection("y ~ poly(x)", 10, /poly\(x, k\) takes/);
    rejection("y ~ poly(x, 1.5)", 12, /degree of poly/);
    rejection("y ~ log(scale(x))", 8, /scale\(\) cannot be used inside log\(\)/);
    rejection("y ~ I(a:b)", 7, /':' is not arithmetic/);
    rejection("y ~ I(2)", 4, /I\(2\) reads no data column/);
    rejection("y ~ zerocorr(x)", 4, /zerocorr\(\) takes one random-effects term/);
    rejection("y ~ zerocorr(x || g)", 4, /single-bar term/);
    rejection("y ~ a * zerocorr(1 | g)", 8, /zerocorr\(...\) must be a term of its own/);
    rejection("y ~ a:offset(n)", 6, /offset\(...\) must be a term of its own/);
    rejection("y ~ fulldummy(a:b)", 14, /fulldummy\(\) takes a column/);
    rejection("y ~ .", 4, /'\.' \(all other columns\) is not supported/);
  });

  it("a response that is not arithmetic on columns", () => {
    rejection("1 ~ x", 0, /response reads no data column/);
    rejection("a:b ~ x", 1, /':' is not arithmetic and cannot be used inside the response/);
    rejection("(1 | g) ~ x", 0, /random-effects term cannot be used inside the response/);
  });

  it("formulas nested or expanded beyond the limits, without overflowing the stack", () => {
    rejection(`y ~ ${"(".repeat(5000)}x${")".repeat(5000)}`, 204, /nested too deeply/);
    expect(() => parseFormula(`y ~ x${"^x".repeat(5000)}`)).toThrow(FormulaSyntaxError);
    expect(() => parseFormula(`y ~ ${"-".repeat(5000)}x`)).toThrow(FormulaSyntaxError);
    expect(() =>
      parseFormula(`y ~ ${Array.from({ length: 3000 }, (_, i) => `x${i}`).join(" + ")}`),
    ).toThrow(/too long or nested too deeply/);
    const letters = "abcdefghijklmnopqrstuvwxyz".split("").join(" + ");
    expect(() => parseFormula(`y ~ (${letters})^26`)).toThrow(/more than 10000 terms/);
  });
});
