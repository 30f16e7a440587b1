import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crossProductSQL } from "../src/index";
import { csvSource, datasetTable, writeDatasetFiles } from "./helpers/reference-cases";

/**
 * The rule set the generated text must satisfy, stated as tokens: SQL:1999 keywords and the
 * aggregate and numeric functions of SQL:2003 (no DuckDB extension such as `::`, `LIMIT`,
 * `QUALIFY`, lists, structs, `read_parquet` or `isnan`); identifiers from the data delimited by
 * double quotes; string literals in single quotes; the positional aliases this package writes.
 */
const keywords = new Set(
  "WITH AS SELECT FROM WHERE GROUP BY AND OR IS NOT NULL CASE WHEN THEN ELSE END CAST DOUBLE PRECISION SUM COUNT MIN MAX LN EXP SQRT ABS POWER".split(
    " ",
  ),
);
const aliases =
  /^(design|x\d+|y|w|g\d+_\d+|z\d+_\d+|n|w_sum|log_w_sum|w_min|min_\d+|max_\d+|y_min|y_max|g_\d+_\d+|d_\d+_\d+|f_\d+_\d+|p_\d+_\d+)$/;
const token =
  /\s+|"(?:[^"]|"")*"|'(?:[^']|'')*'|\d+(?:\.\d+)?(?:E[+-]?\d+)?|[A-Za-z_][A-Za-z0-9_]*|<>|[(),*+\-/=;<>]/y;

/** The tokens of `sql` that break the rule set (empty when the text conforms). */
function violations(sql: string, table: string): string[] {
  const bad: string[] = [];
  token.lastIndex = 0;
  let at = 0;
  while (at < sql.length) {
    token.lastIndex = at;
    const match = token.exec(sql);
    if (match === null) {
      bad.push(sql.slice(at, at + 10));
      break;
    }
    const text = match[0];
    at += text.length;
    if (/^[A-Za-z_]/.test(text) && !keywords.has(text) && !aliases.test(text) && text !== table) {
      bad.push(text);
    }
  }
  return bad;
}

describe("crossProductSQL", () => {
  let instance: DuckDBInstance;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    for (const name of ["cake", "sleepstudy", "pastes", "insteval"]) {
      const table = datasetTable(name);
      const files = await writeDatasetFiles(table);
      await connection.run(`CREATE TABLE ${name} AS SELECT * FROM ${csvSource(files.csv, table)}`);
    }
    connection.closeSync();
  }, 300_000);
  afterAll(() => instance.closeSync());

  const cases: [string, string, { weights?: string }?][] = [
    ["cake", "angle ~ recipe * temperature + (1 | recipe:replicate)"],
    [
      "sleepstudy",
      "log(Reaction) ~ 1 + Days + I(Days^2) + offset(Days / 10) + (1 + Days | Subject)",
    ],
    ["sleepstudy", "Reaction ~ 0 + factor(Days) + (1 + Days || Subject)"],
    ["sleepstudy", "Reaction ~ 1 + Days + (1 | Subject)", { weights: "Days" }],
    ["pastes", "strength ~ 1 + (1 | batch / cask)"],
    ["insteval", "y ~ 1 + dept * service + (1 | s) + (1 | d)"],
  ];

  it.each(cases)(
    "on %s, %s: only the stated ANSI constructs",
    async (table, formula, options = {}) => {
      const connection = await instance.connect();
      const sql = await crossProductSQL(formula, table, { ...options, connection });
      connection.closeSync();
      expect(sql).toContain("GROUP BY");
      expect(violations(sql, table)).toEqual([]);
      // Guards against the rule set itself being too lax.
      for (const forbidden of ["::", "LIMIT", "QUALIFY", "read_", "isnan", "[", "{", "->"]) {
        expect(sql).not.toContain(forbidden);
      }
    },
  );

  it("the checker catches DuckDB-only syntax", () => {
    expect(violations("SELECT x::DOUBLE FROM t", "t")).not.toEqual([]);
    expect(violations('SELECT SUM("x") FROM t LIMIT 5', "t")).toEqual(["LIMIT"]);
    expect(violations("SELECT SUM(x) FROM t", "t")).toEqual(["x"]);
    expect(violations("SELECT list_value(1, 2) FROM t", "t")).toEqual(["list_value"]);
  });
});
