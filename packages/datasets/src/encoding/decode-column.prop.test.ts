import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CsvCell, encodeColumn } from "../../scripts/encode.mjs";
import { decodeColumn } from "./decode-column";

const missing: CsvCell = { text: "", quoted: false };

describe("generator encoding round-trips through decodeColumn", () => {
  it("factor codes, with missing cells, for up to 9000 levels", () => {
    const arbitrary = fc.integer({ min: 1, max: 9000 }).chain((nlevels) =>
      fc.record({
        nlevels: fc.constant(nlevels),
        rows: fc.array(fc.option(fc.nat({ max: nlevels - 1 }), { freq: 5 }), { maxLength: 60 }),
      }),
    );
    fc.assert(
      fc.property(arbitrary, ({ nlevels, rows }) => {
        const levels = Array.from({ length: nlevels }, (_, i) => `level ${i}`);
        const cells = rows.map((code) =>
          code === null ? missing : { text: levels[code], quoted: true },
        );
        const encoded = encodeColumn("prop", "g", { type: "factor", levels }, cells);
        const decoded = decodeColumn("g", encoded, rows.length);
        expect(decoded.kind).toBe("categorical");
        if (decoded.kind !== "categorical") return;
        expect(Array.from(decoded.codes)).toEqual(rows.map((code) => code ?? -1));
        expect(decoded.levels).toEqual(levels);
      }),
      { numRuns: 200 },
    );
  });

  it("integer and floating-point columns, with missing cells", () => {
    const value = fc.oneof(
      fc.integer({ min: -50, max: 50 }),
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    fc.assert(
      fc.property(fc.array(fc.option(value, { freq: 6 }), { maxLength: 80 }), (rows) => {
        const allIntegers = rows.every((v) => v === null || Number.isInteger(v));
        const cells = rows.map((v) => (v === null ? missing : { text: String(v), quoted: false }));
        const type = allIntegers ? "integer" : "numeric";
        const encoded = encodeColumn("prop", "x", { type }, cells);
        const decoded = decodeColumn("x", encoded, rows.length);
        expect(decoded.kind).toBe("numeric");
        if (decoded.kind !== "numeric") return;
        // -0 is written "0" in CSV, so compare through the text the CSV would hold.
        expect(Array.from(decoded.values, (v) => (Number.isNaN(v) ? null : v + 0))).toEqual(
          rows.map((v) => (v === null ? null : Number(String(v)) + 0)),
        );
      }),
      { numRuns: 200 },
    );
  });
});
