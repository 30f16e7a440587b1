import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formulaStructure } from "../test/formula-structure";
import { formatFormula } from "./format-formula";
import { FormulaSyntaxError } from "@mixedmodels/core";
import { parseFormula } from "./parse-formula";
import { parseFormulaAst } from "./parse-formula-ast";
import type { BinaryOperator, Expr, ParsedFormula } from "./types";

const RUNS = { numRuns: 200 };

// ---- formula text built from valid pieces ----------------------------------------------------

const atom = fc.constantFrom(
  "a",
  "b",
  "c",
  "x",
  "z",
  "log(x)",
  "I(x^2)",
  "I(-a / 2 + 1)",
  "poly(z, 2)",
  "scale(a)",
  "fulldummy(b)",
  "`odd name`",
);
const { term } = fc.letrec<{ term: string }>((tie) => ({
  term: fc.oneof(
    { depthSize: "small", maxDepth: 3 },
    atom,
    fc
      .tuple(tie("term"), fc.constantFrom(":", " & ", " * ", " / ", " %in% "), tie("term"))
      .map(([l, op, r]) => `${wrap(l)}${op}${wrap(r)}`),
    fc.array(tie("term"), { minLength: 1, maxLength: 3 }).map((terms) => `(${terms.join(" + ")})`),
    fc
      .tuple(fc.array(atom, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 3 }))
      .map(([terms, k]) => `(${terms.join(" + ")})^${k}`),
  ),
}));

/** Parenthesises anything that is not a single atom, so operators combine whole terms. */
function wrap(text: string): string {
  return /^[\w`.( )^,/+-]*$/.test(text) && !/[ :&*%]/.test(text.replace(/\(.*\)/g, ""))
    ? text
    : `(${text})`;
}

const lhs = fc.constantFrom(
  "1",
  "x",
  "1 + x",
  "0 + x + z",
  "x*z",
  "fulldummy(b)",
  "-1 + log(x)",
  "a + b:c",
);
const grouping = fc.constantFrom("g", "h:s", "g & h", "g/h", "g/h/s", "(s)");
const randomTerm = fc
  .tuple(lhs, grouping, fc.constantFrom("|", "||", "zerocorr"))
  .map(([left, group, kind]) =>
    kind === "zerocorr" ? `zerocorr(${left} | ${group})` : `(${left} ${kind} ${group})`,
  );
const response = fc.constantFrom(
  "y",
  "log(y)",
  "1000 / rt",
  "(incid / hsz)",
  "`y value`",
  "sqrt(y + 1)",
);
const formulaText = fc
  .tuple(
    response,
    fc.option(fc.constantFrom("0", "1", "-1"), { nil: undefined }),
    fc.array(term, { maxLength: 4 }),
    fc.option(term, { nil: undefined }),
    fc.array(randomTerm, { maxLength: 3 }),
    fc.option(fc.constantFrom("offset(log(n))", "offset(w)"), { nil: undefined }),
  )
  .map(([lhsText, interceptMark, fixed, removed, random, offset]) => {
    const items = [
      ...(interceptMark ? [interceptMark] : []),
      ...fixed,
      ...random,
      ...(offset ? [offset] : []),
    ];
    const sum = items.length > 0 ? items.join(" + ") : "1";
    return `${lhsText} ~ ${sum}${removed ? ` - ${wrap(removed)}` : ""}`;
  });

/**
 * The structure without the order of factors inside interactions: that order follows first
 * appearance, which printing in sorted term order can change (as in R; see formatFormula).
 */
function orderFreeStructure(formula: ParsedFormula) {
  const structure = formulaStructure(formula);
  const factorSet = (t: { factors: Array<{ label: string; fulldummy: boolean }> }) =>
    t.factors.map((f) => `${f.fulldummy ? "!" : ""}${f.label}`).sort();
  return {
    ...structure,
    fixed: structure.fixed.map(factorSet),
    random: structure.random.map((r) => ({
      ...r,
      label: undefined,
      terms: r.terms.map(factorSet),
    })),
  };
}

describe("parseFormula properties", () => {
  it("round-trips through formatFormula: same structure, and printing is then a fixed point", () => {
    fc.assert(
      fc.property(formulaText, (text) => {
        const parsed = parseFormula(text);
        const printed = formatFormula(parsed);
        const reparsed = parseFormula(printed);
        expect(orderFreeStructure(reparsed)).toEqual(orderFreeStructure(parsed));
        const again = parseFormula(formatFormula(reparsed));
        expect(formulaStructure(again)).toEqual(formulaStructure(reparsed));
        expect(formatFormula(again)).toBe(formatFormula(reparsed));
      }),
      RUNS,
    );
  });

  it("expands a*b to the terms of a + b + a:b, in the same order", () => {
    fc.assert(
      fc.property(term, term, (a, b) => {
        const crossed = parseFormula(`y ~ (${a})*(${b})`);
        const spelled = parseFormula(`y ~ (${a}) + (${b}) + (${a}):(${b})`);
        expect(crossed.fixed.map((t) => t.label)).toEqual(spelled.fixed.map((t) => t.label));
        expect(crossed.fixed.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it("splits (terms || g) into (1 | g) + (0 + t | g) for each left-side term t", () => {
    fc.assert(
      fc.property(
        term,
        fc.boolean(),
        fc.constantFrom("g", "h:s", "g/h"),
        (left, withIntercept, group) => {
          const prefix = withIntercept ? "1 + " : "0 + ";
          const split = parseFormula(`y ~ (${prefix}${left} || ${group})`);
          const leftTerms = parseFormula(`y ~ (${prefix}${left} | ${group})`).random[0].terms;
          const pieces = [
            ...(withIntercept ? [`(1 | ${group})`] : []),
            ...leftTerms.map((t) => `(0 + ${formatTerm(t.factors)} | ${group})`),
          ];
          const spelled = parseFormula(`y ~ ${pieces.join(" + ")}`);
          const shape = (f: ParsedFormula) => formulaStructure(f).random;
          expect(shape(split)).toEqual(shape(spelled));
        },
      ),
      RUNS,
    );
  });

  it("never throws anything but FormulaSyntaxError, with its offset inside the text", () => {
    const piece = fc.oneof(
      fc.constantFrom(
        ...["y", "~", "x", "g", "1", "0", "2", "1e3", ".5", "+", "-", "*", "/", ":", "&", "^", "|"],
        ...[
          "||",
          "%in%",
          "%",
          "(",
          ")",
          ",",
          " ",
          "\n",
          "log(",
          "I(",
          "poly(",
          "zerocorr(",
          "offset(",
        ],
        ...["fulldummy(", "(1 | g)", "`", ".", "#", "**", "=", "é", "→", "\u0000", "\t", "😀", "_"],
      ),
      fc.string({ maxLength: 3 }),
    );
    const soup = fc
      .tuple(fc.boolean(), fc.array(piece, { maxLength: 12 }))
      .map(([prefixed, parts]) => `${prefixed ? "y ~ " : ""}${parts.join("")}`);
    // Small edits of valid formulas reach the deeper checks that random soup rarely gets past.
    const edit = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 2 }), piece);
    const mutated = fc
      .tuple(formulaText, fc.array(edit, { minLength: 1, maxLength: 3 }))
      .map(([valid, edits]) =>
        edits.reduce((text, [at, kind, inserted]) => {
          const i = at % (text.length + 1);
          if (kind === 0) return text.slice(0, i) + inserted + text.slice(i);
          if (kind === 1) return text.slice(0, i) + text.slice(i + 1 + (at % 3));
          return text.slice(0, i) + inserted + text.slice(i + 1);
        }, valid),
      );
    const text = fc.oneof(soup, mutated);
    fc.assert(
      fc.property(text, (input) => {
        let parsed: ParsedFormula | undefined;
        try {
          parsed = parseFormula(input);
        } catch (error) {
          expect(error).toBeInstanceOf(FormulaSyntaxError);
          const syntax = error as FormulaSyntaxError;
          expect(syntax.offset).toBeGreaterThanOrEqual(0);
          expect(syntax.offset).toBeLessThanOrEqual(input.length);
          expect(syntax.line).toBeGreaterThanOrEqual(1);
          expect(syntax.column).toBeGreaterThanOrEqual(1);
          expect(syntax.excerpt).toContain("^");
          return;
        }
        // Whatever parses also prints to text that parses to the same structure.
        const reparsed = parseFormula(formatFormula(parsed));
        expect(orderFreeStructure(reparsed)).toEqual(orderFreeStructure(parsed));
      }),
      { numRuns: 500 },
    );
  });
});

// ---- syntax trees ---------------------------------------------------------------------------

const span = { start: 0, end: 0 };
const OPERATORS: BinaryOperator[] = ["+", "-", "*", "/", ":", "&", "^", "|", "||", "%in%"];
const { expr } = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", maxDepth: 4 },
    fc
      .constantFrom("a", "b", "Days", "x.1", "my var", ".z")
      .map((name): Expr => ({ kind: "variable", name, span })),
    fc.oneof(fc.nat(1000), fc.double({ min: 0, max: 1e6, noNaN: true })).map(
      (value): Expr => ({
        kind: "number",
        value,
        span,
      }),
    ),
    fc
      .tuple(fc.constantFrom(...OPERATORS), tie("expr"), tie("expr"))
      .map(([op, left, right]): Expr => ({ kind: "binary", op, left, right, span })),
    fc
      .tuple(fc.constantFrom("-", "+") as fc.Arbitrary<"-" | "+">, tie("expr"))
      .map(([op, operand]): Expr => ({ kind: "unary", op, operand, span })),
    fc
      .tuple(fc.constantFrom("log", "I", "poly", "f"), fc.array(tie("expr"), { maxLength: 3 }))
      .map(([name, args]): Expr => ({ kind: "call", name, args, span })),
    tie("expr").map((inner): Expr => ({ kind: "paren", inner, span })),
  ),
}));

/** A tree without parentheses nodes and spans: what printing must preserve. */
function bare(node: Expr): unknown {
  switch (node.kind) {
    case "variable":
      return { v: node.name };
    case "number":
      return { n: node.value };
    case "paren":
      return bare(node.inner);
    case "unary":
      return { u: node.op, of: bare(node.operand) };
    case "binary":
      return { op: node.op, l: bare(node.left), r: bare(node.right) };
    case "call":
      return { call: node.name, args: node.args.map(bare) };
  }
}

describe("parseFormulaAst properties", () => {
  it("parses the printed form of any syntax tree back to the same tree", () => {
    fc.assert(
      fc.property(fc.option(expr, { nil: null }), expr, (response, rhs) => {
        const printed = formatFormula({ response, rhs, span });
        const reparsed = parseFormulaAst(printed);
        expect(reparsed.response === null ? null : bare(reparsed.response)).toEqual(
          response === null ? null : bare(response),
        );
        expect(bare(reparsed.rhs)).toEqual(bare(rhs));
      }),
      RUNS,
    );
  });
});

function formatTerm(factors: ReadonlyArray<{ label: string; fulldummy: boolean }>): string {
  return factors.map((f) => (f.fulldummy ? `fulldummy(${f.label})` : f.label)).join(":");
}
