import { describe, expect, it } from "vitest";
import { orthogonalPolynomials } from "./orthogonal-polynomials";

describe("orthogonalPolynomials", () => {
  it("equals R's poly(c(1, 2, 4, 7, 11, 3), 3)", () => {
    const columns = orthogonalPolynomials(new Float64Array([1, 2, 4, 7, 11, 3]), 3, "poly(x, 3)");
    const expected = [
      [
        -0.44035242296399, -0.320256307610174, -0.080064076902544, 0.280224269158902,
        0.760608730574164, -0.200160192256359,
      ],
      [
        0.523598139468631, 0.129550055126259, -0.399446003305966, -0.545189815323007,
        0.469618949832689, -0.178131325798606,
      ],
      [
        -0.475407962922599, 0.177188711231845, 0.345663223550647, -0.645818963888744,
        0.182998177173872, 0.415376814854979,
      ],
    ];
    columns.forEach((column, j) => {
      column.forEach((value, i) => {
        expect(value).toBeCloseTo(expected[j][i], 12);
      });
    });
  });

  it("needs more distinct values than the degree", () => {
    expect(() =>
      orthogonalPolynomials(new Float64Array([1, 2, 1, 2]), 2, "poly(x, 2)"),
    ).toThrowError(/more than 2 distinct values/);
  });
});
