import { describe, expect, it } from "vitest";
import { formatExpr } from "./format-expr";
import { formatFormula } from "./format-formula";
import { parseFormula } from "./parse-formula";
import { parseFormulaAst } from "./parse-formula-ast";

const printedAst = (text: string) => formatFormula(parseFormulaAst(text));
const printed = (text: string) => formatFormula(parseFormula(text));

describe("formatFormula on syntax trees", () => {
  it("prints the canonical spacing: spaces around + - * / & | %in%, none around : and ^", () => {
    expect(printedAst("y~a*b+c:d-e/f+g&h+i%in%j")).toBe(
      "y ~ a * b + c:d - e / f + g & h + i %in% j",
    );
    expect(printedAst("1000/rt~I(x^2)+log(x+1)+poly(x,2)")).toBe(
      "1000 / rt ~ I(x^2) + log(x + 1) + poly(x, 2)",
    );
    expect(printedAst("y ~ (1|g) + (x||h) + zerocorr(1+x|g)")).toBe(
      "y ~ (1 | g) + (x || h) + zerocorr(1 + x | g)",
    );
    expect(printedAst("~x")).toBe("~ x");
  });

  it("keeps only the parentheses that precedence needs", () => {
    expect(printedAst("y ~ ((a)) + (b:c) + (a + b):c + a - (b - c)")).toBe(
      "y ~ a + b:c + (a + b):c + a - (b - c)",
    );
    expect(printedAst("y ~ I((x + 1)^2) + I(-x^2) + I((-x)^2) + I(x^(y^z)) + I((x^y)^z)")).toBe(
      "y ~ I((x + 1)^2) + I(-x^2) + I((-x)^2) + I(x^y^z) + I((x^y)^z)",
    );
    expect(printedAst("(incid / hsz) ~ x")).toBe("incid / hsz ~ x");
    expect(printedAst("y ~ -(a:b) + (-a):b")).toBe("y ~ -a:b + (-a):b");
  });
});

describe("formatFormula on parsed formulas", () => {
  it("prints the expansion with an explicit intercept, offsets, then random terms", () => {
    expect(printed("y ~ a*b + (x || g)")).toBe("y ~ 1 + a + b + a:b + (1 | g) + (0 + x | g)");
    expect(printed("y ~ x - 1 + offset(log(n)) + (1 | a/b)")).toBe(
      "y ~ 0 + x + offset(log(n)) + (1 | a) + (1 | b:a)",
    );
    expect(printed("~ zerocorr(x | g)")).toBe("~ 1 + zerocorr(1 + x | g)");
    expect(printed("(y) ~ (1 | g)")).toBe("y ~ 1 + (1 | g)");
  });

  it("prints expressions alone with formatExpr", () => {
    const { response } = parseFormula("sqrt( y + 1 )~x");
    expect(response && formatExpr(response)).toBe("sqrt(y + 1)");
  });
});
