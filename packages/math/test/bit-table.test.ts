import { describe, expect, it } from "vitest";
import { cos, exp, expm1, log, log1p, pow, sin, ulpDistance } from "../src/index";
import { fromBits, toBits } from "./bit-patterns";
import table from "./fixtures/bit-table.json";

// The contract of the package: these inputs give these bits on every engine. The table was made
// by fixtures/make-bit-table.ts; glibc's value (through R) stands beside each as an independent
// accuracy check, since glibc 2.36's functions are correctly rounded in nearly every case.
const unary: Record<string, (x: number) => number> = { exp, expm1, log, log1p, sin, cos };

describe("fixed table of input → output bit patterns", () => {
  it("holds every function", () => {
    const names = new Set(table.cases.map((c) => c.fn));
    expect([...names].sort()).toEqual(["cos", "exp", "expm1", "log", "log1p", "pow", "sin"]);
  });

  it("reproduces every output bit", () => {
    const mismatches: string[] = [];
    for (const c of table.cases) {
      const x = fromBits(c.x);
      const value = c.fn === "pow" ? pow(x, fromBits(c.y ?? "")) : unary[c.fn](x);
      if (toBits(value) !== c.value)
        mismatches.push(
          `${c.fn}(${c.x}${c.y ? `, ${c.y}` : ""}) = ${toBits(value)}, table ${c.value}`,
        );
    }
    expect(mismatches).toEqual([]);
  });

  it("is within 1 ulp of the C library everywhere, and equal in at least 95% of cases", () => {
    let equal = 0;
    for (const c of table.cases) {
      const ours = fromBits(c.value);
      const glibc = fromBits(c.glibc);
      if (c.value === c.glibc) equal += 1;
      else expect(ulpDistance(ours, glibc), `${c.fn}(${c.x}${c.y ? `, ${c.y}` : ""})`).toBe(1);
    }
    expect(equal / table.cases.length).toBeGreaterThan(0.95);
  });
});
