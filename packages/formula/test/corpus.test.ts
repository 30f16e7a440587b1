import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formatExpr, formatFormula, parseFormula } from "../src/index";
import { formulaStructure } from "./formula-structure";

interface Case {
  readonly id?: string;
  readonly source: string;
  readonly formula: string;
  readonly response: string;
  readonly intercept: boolean;
  readonly fixed: readonly string[];
  readonly random: readonly string[];
  readonly offsets?: readonly string[];
  readonly lme4?: {
    readonly groups: readonly string[];
    readonly varcorrNames: ReadonlyArray<readonly string[]>;
    readonly fixefNames: readonly string[];
  };
}

const here = dirname(fileURLToPath(import.meta.url));
const load = (name: string): Case[] =>
  JSON.parse(readFileSync(join(here, "fixtures", name), "utf8")).formulas as Case[];

const references = load("reference-formulas.json");
const documentation = load("documentation-formulas.json");

function expectExpansion(entry: Case): void {
  const parsed = parseFormula(entry.formula);
  expect(parsed.responseLabel).toBe(entry.response);
  expect(parsed.intercept).toBe(entry.intercept);
  expect(parsed.fixed.map((t) => t.label)).toEqual(entry.fixed);
  expect(parsed.random.map((t) => t.label)).toEqual(entry.random);
  expect(parsed.random.map((t) => t.correlated)).toEqual(
    entry.random.map((l) => !l.startsWith("zerocorr")),
  );
  expect(parsed.offsets.map(formatExpr)).toEqual(entry.offsets ?? []);
  // The canonical print parses back to the same structure.
  expect(formulaStructure(parseFormula(formatFormula(parsed)))).toEqual(formulaStructure(parsed));
}

describe("formulas of the lme4 reference fits", () => {
  it.each(references.map((entry) => [entry.id, entry] as const))("%s", (_, entry) => {
    expectExpansion(entry);
    const parsed = parseFormula(entry.formula);
    const lme4 = entry.lme4!;
    // lme4 names each grouping factor by our groupingLabel (terms on the same factor share it).
    expect(new Set(parsed.random.map((t) => t.groupingLabel))).toEqual(new Set(lme4.groups));
    // lme4 lists random-effect columns per term ("(Intercept)", then the left-side term labels),
    // ordered by decreasing number of levels, so compare as a multiset.
    const ours = parsed.random.map((t) => [
      ...(t.intercept ? ["(Intercept)"] : []),
      ...t.terms.map((x) => x.label),
    ]);
    const key = (names: readonly string[]) => names.join(",");
    expect(ours.map(key).sort()).toEqual(lme4.varcorrNames.map(key).sort());
    // Every fixed-effect coefficient name starts with its term's factor labels.
    for (const name of lme4.fixefNames.filter((n) => n !== "(Intercept)")) {
      const parts = name.split(":");
      const matching = parsed.fixed.filter(
        (t) =>
          t.factors.length === parts.length &&
          t.factors.every((f, i) => parts[i].startsWith(f.label)),
      );
      expect(matching.length, name).toBeGreaterThan(0);
    }
    expect(parsed.intercept).toBe(lme4.fixefNames.includes("(Intercept)"));
  });
});

describe("formulas from the lme4 and MixedModels.jl documentation", () => {
  it("has at least 30 documented formulas", () => {
    expect(documentation.length).toBeGreaterThanOrEqual(30);
  });
  it.each(documentation.map((entry) => [entry.formula, entry] as const))("%s", (_, entry) => {
    expectExpansion(entry);
  });
});
