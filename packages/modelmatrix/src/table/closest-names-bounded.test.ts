import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  boundedEditDistance,
  closestNames,
  didYouMean,
  MAX_COMPARED_LENGTH,
} from "./closest-names";

/** The textbook O(|a|·|b|) dynamic programme, as an independent reference. */
function fullEditDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push(new Array(b.length + 1).fill(0));
  for (let i = 0; i <= a.length; i++) d[i][0] = i;
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const x = a[i - 1];
      const y = b[j - 1];
      const cost = x === y ? 0 : x.toLowerCase() === y.toLowerCase() ? 0.5 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
    }
  }
  return d[a.length][b.length];
}

describe("boundedEditDistance", () => {
  it("equals the full distance when within the bound, and exceeds the bound otherwise", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "A", "b", "B", "c", "_"), maxLength: 14 });
    fc.assert(
      fc.property(text, text, fc.integer({ min: 0, max: 9 }), (a, b, bound) => {
        const full = fullEditDistance(a, b);
        const bounded = boundedEditDistance(a, b, bound);
        if (full <= bound) expect(bounded).toBe(full);
        else expect(bounded).toBeGreaterThan(bound);
      }),
      { numRuns: 2000, seed: 12 },
    );
  });

  it("keeps suggesting typos of long names and gives up on huge ones", () => {
    const long = `${"column_".repeat(30)}x`;
    expect(closestNames(`${long}y`, [long, "other"])).toEqual([long]);
    // Before the bound this compared two 200k-character names cell by cell (4e10 cells).
    const huge = "q".repeat(200_000);
    expect(MAX_COMPARED_LENGTH).toBeLessThan(huge.length);
    expect(didYouMean(huge, [`${huge}r`, "y"])).toBe("");
    const many = Array.from({ length: 20_000 }, (_, i) => `name${"z".repeat(200)}${i}`);
    const stem = `name${"z".repeat(200)}`;
    expect(closestNames(`${stem}19`, many)).toEqual([`${stem}19`, `${stem}1`, `${stem}9`]);
  });
});
