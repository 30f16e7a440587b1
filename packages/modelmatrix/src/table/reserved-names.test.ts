import { DataError } from "@mixedmodels/core";
import { describe, expect, it } from "vitest";
import { buildModelParts } from "../build-model-parts";
import { parseCsv } from "./parse-csv";
import { toDataTable } from "./to-data-table";

// Names that collide with Object.prototype members: a lookup through a plain object finds the
// prototype's function (or setter) instead of "no such column".
const reserved = ["toString", "constructor", "valueOf", "__proto__", "hasOwnProperty"] as const;
const PROTO = "__proto__";

/** Column `name` of `data`; `name: string` keeps TypeScript from typing it as Object's method. */
const at = <T>(data: Record<string, T>, name: string): T => data[name];

/** 12 rows: a response, a numeric predictor, a 3-level factor and 4 groups, under reserved names. */
function reservedData(): Record<string, (number | string)[]> {
  const data: Record<string, (number | string)[]> = Object.create(null);
  const set = (name: string, values: (number | string)[]) => {
    data[name] = values;
  };
  set("toString", [3.1, 2.4, 5.6, 1.2, 7.7, 3.3, 2.2, 6.1, 4.4, 5.0, 2.9, 3.8]);
  set("valueOf", [1, 5, 2, 8, 3, 6, 4, 7, 9, 2, 5, 1]);
  set("constructor", ["a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c"]);
  set(PROTO, ["g1", "g1", "g1", "g2", "g2", "g2", "g3", "g3", "g3", "g4", "g4", "g4"]);
  set("hasOwnProperty", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  return data;
}

describe("columns named like Object.prototype members", () => {
  it("are ordinary columns in data, formula and levels", () => {
    const data = reservedData();
    const parts = buildModelParts(
      "toString ~ 1 + valueOf + constructor + (1 | `__proto__`)",
      data,
      {
        levels: { constructor: ["c", "b", "a"] },
      },
    );
    expect(Object.getPrototypeOf(data)).toBeNull();
    expect(parts.n).toBe(12);
    expect(parts.responseName).toBe("toString");
    expect(Array.from(parts.y)).toEqual(at(data, "toString"));
    expect(parts.X.names).toEqual(["(Intercept)", "valueOf", "constructorb", "constructora"]);
    // constructor = "a" in rows 0, 3, 6, 9: the indicator of level a (the last, c is reference).
    const a = parts.X.data.subarray(3 * 12, 4 * 12);
    expect(Array.from(a)).toEqual([1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0]);
    expect(parts.reterms[0].group).toBe("`__proto__`");
    expect(parts.reterms[0].levels).toEqual(["g1", "g2", "g3", "g4"]);
  });

  it("as row objects parsed from JSON, where __proto__ is an own key", () => {
    const data = reservedData();
    const json = at(data, "toString").map(
      (y, i) =>
        `{"toString":${y},"valueOf":${at(data, "valueOf")[i]},"__proto__":"${at(data, PROTO)[i]}"}`,
    );
    const rows = JSON.parse(`[${json.join(",")}]`) as Record<string, number | string>[];
    expect(Object.hasOwn(rows[0], "__proto__")).toBe(true);
    const parts = buildModelParts("toString ~ valueOf + (1 | `__proto__`)", rows);
    expect(parts.reterms[0].levels).toEqual(["g1", "g2", "g3", "g4"]);
    expect(parts.X.names).toEqual(["(Intercept)", "valueOf"]);
    expect(Array.from(parts.X.data.subarray(12, 24))).toEqual(at(data, "valueOf"));
  });

  it("that the data lack are unknown columns, not prototype members", () => {
    const data = { y: [1, 2, 3, 4], g: ["a", "a", "b", "b"] };
    for (const name of reserved) {
      const quoted = `\`${name}\``;
      expect(() => buildModelParts(`y ~ 1 + ${quoted} + (1 | g)`, data), name).toThrow(
        new RegExp(`column '${name}' not found`),
      );
      expect(() => buildModelParts(`y ~ 1 + (1 | ${quoted})`, data), name).toThrow(DataError);
      expect(
        () => buildModelParts(`y ~ 1 + (1 | g)`, data, { levels: { [name]: ["a"] } }),
        name,
      ).toThrow(DataError);
      expect(() => buildModelParts(`y ~ 1 + (1 | g)`, data, { categorical: [name] }), name).toThrow(
        DataError,
      );
    }
  });

  it("do not matter when unused, and options built as plain literals are read as own keys only", () => {
    const data = reservedData();
    const parts = buildModelParts("toString ~ 1 + (1 | `__proto__`)", data, {
      contrasts: {},
      levels: {},
    });
    expect(parts.X.names).toEqual(["(Intercept)"]);
    // A plain `{}` has no own 'constructor': the factor keeps its default treatment coding.
    const withFactor = buildModelParts("toString ~ constructor + (1 | `__proto__`)", data, {
      contrasts: {},
    });
    expect(withFactor.X.names).toEqual(["(Intercept)", "constructorb", "constructorc"]);
  });

  it("as levels of a factor", () => {
    const g = ["toString", "constructor", "__proto__", "valueOf"].flatMap((level) => [
      level,
      level,
      level,
    ]);
    const parts = buildModelParts("y ~ 1 + f + (1 | g)", {
      y: [3.1, 2.4, 5.6, 1.2, 7.7, 3.3, 2.2, 6.1, 4.4, 5.0, 2.9, 3.8],
      f: ["hasOwnProperty", "__proto__", "constructor", ...new Array(9).fill("valueOf")],
      g,
    });
    expect(parts.reterms[0].levels).toEqual(["__proto__", "constructor", "toString", "valueOf"]);
    expect(parts.X.names).toEqual(["(Intercept)", "fconstructor", "fhasOwnProperty", "fvalueOf"]);
  });

  it("in a CSV header", () => {
    const table = parseCsv("toString,__proto__,constructor\n1,a,x\n2,b,y\n");
    expect(table.names).toEqual(["toString", "__proto__", "constructor"]);
    expect(Object.getPrototypeOf(table.columns)).toBeNull();
    expect(at(table.columns, PROTO)?.kind).toBe("categorical");
    expect(at(toDataTable(table).columns, "toString")?.kind).toBe("numeric");
  });
});
