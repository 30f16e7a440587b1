import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classesFromCodes } from "./code-classes";
import { type ColumnPart, type DesignColumn, writeDesignColumn } from "./design-columns";
import { equalRows } from "./equal-rows";
import { fixedEffectsMatrix } from "./fixed-effects-matrix";
import { equalRowsLimit, independentColumnsAndClasses } from "./fixed-effects-rank";

/**
 * Columns of a design of `factors` random factors: the intercept (or not), each factor's contrast
 * columns (weights with signed zeros, fractions and repeats, so some levels give equal rows) and
 * the products of pairs of them, as interactions are built.
 */
function factorDesign(seed: number, n: number, factors: number, intercept: boolean) {
  let state = seed >>> 0 || 1;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const weightValues = [0, -0, 1, -1, 0.1, 1 / 3, 2];
  const single: ColumnPart[] = [];
  for (let f = 0; f < factors; f++) {
    const levels = 1 + Math.floor(random() * 5);
    const codes = Int32Array.from({ length: n }, () => Math.floor(random() * levels));
    const contrasts = Math.floor(random() * 3);
    for (let c = 0; c < contrasts; c++) {
      const weights = Float64Array.from(
        { length: levels },
        () => weightValues[Math.floor(random() * weightValues.length)],
      );
      single.push({ kind: "categorical", codes, weights });
    }
  }
  const columns: DesignColumn[] = [];
  const add = (parts: ColumnPart[]) =>
    columns.push({ name: `x${columns.length}`, mixedModelsName: "", term: 1, parts });
  if (intercept) add([]);
  for (const part of single) add([part]);
  for (let a = 0; a < single.length; a++) {
    for (let b = a + 1; b < single.length; b++) {
      if (random() < 0.5) add([single[a], single[b]]);
    }
  }
  return columns;
}

describe("X's classes from the factor codes", () => {
  it("give X, the kept columns and the classes bit for bit as writing X and hashing its rows", () => {
    const cases = fc.record({
      seed: fc.integer(),
      n: fc.integer({ min: 1, max: 300 }),
      factors: fc.integer({ min: 0, max: 4 }),
      intercept: fc.boolean(),
    });
    fc.assert(
      fc.property(cases, ({ seed, n, factors, intercept }) => {
        const columns = factorDesign(seed, n, factors, intercept);
        const p = columns.length;
        const full = new Float64Array(n * p);
        columns.forEach((column, j) => {
          writeDesignColumn(column, n, full, j * n, 1);
        });
        const expected = independentColumnsAndClasses(full, n, p);
        const actual = fixedEffectsMatrix(columns, n);
        expect(Array.from(actual.kept)).toEqual(Array.from(expected.kept));
        const keptData = new Float64Array(n * expected.kept.length);
        expected.kept.forEach((j, k) => {
          keptData.set(full.subarray(j * n, (j + 1) * n), k * n);
        });
        expect(new Uint32Array(actual.data.buffer)).toEqual(new Uint32Array(keptData.buffer));
        if (p === 0) return;
        // A partition into rows equal bit for bit, one class per combination of levels (none
        // past the limit of classes).
        const classes = classesFromCodes(columns, n, equalRowsLimit(n));
        if (classes === null) return;
        for (let t = 0; t < n; t++) {
          const first = classes.representatives[classes.classOf[t]];
          for (let j = 0; j < p; j++)
            expect(Object.is(full[j * n + t], full[j * n + first])).toBe(true);
        }
        // Where different combinations give different rows, the classes equalRows finds.
        const hashed = equalRows(full, n, p, equalRowsLimit(n));
        if (hashed !== null && hashed.representatives.length === classes.representatives.length) {
          expect(Array.from(classes.classOf)).toEqual(Array.from(hashed.classOf));
          expect(Array.from(classes.counts)).toEqual(Array.from(hashed.counts));
        }
        // X's row classes are those classes.
        expect(Array.from(actual.rowClasses?.classOf ?? [])).toEqual(Array.from(classes.classOf));
      }),
      { numRuns: 300 },
    );
  });

  it("are not used for a numeric column or a code outside the levels", () => {
    const codes = Int32Array.from([0, 1, 0, 2]);
    const weights = Float64Array.from([0, 1, 0]);
    const factor: ColumnPart = { kind: "categorical", codes, weights };
    const numeric: ColumnPart = { kind: "numeric", values: Float64Array.from([1, 2, 3, 4]) };
    const column = (parts: ColumnPart[]): DesignColumn => ({
      name: "x",
      mixedModelsName: "x",
      term: 1,
      parts,
    });
    expect(classesFromCodes([column([]), column([factor])], 4, 64)?.counts).toEqual(
      Float64Array.from([2, 1, 1]),
    );
    expect(classesFromCodes([column([factor, numeric])], 4, 64)).toBeNull();
    const outside: ColumnPart = { kind: "categorical", codes, weights: weights.subarray(0, 2) };
    expect(classesFromCodes([column([outside])], 4, 64)).toBeNull();
    expect(classesFromCodes([column([factor])], 4, 2)).toBeNull();
  });
});
