import { describe, expect, it } from "vitest";
import { FormulaSyntaxError } from "@mixedmodels/core";
import { tokenize } from "./tokenize";

const kinds = (text: string) => tokenize(text).map((t) => `${t.kind}:${t.operator ?? t.text}`);

describe("tokenize", () => {
  it("reads names, numbers, operators, parentheses and commas with their positions", () => {
    expect(kinds("log(y) ~ a.b_c + 1e3*.5 - 2.:x")).toEqual([
      "name:log",
      "(:(",
      "name:y",
      "):)",
      "~:~",
      "name:a.b_c",
      "operator:+",
      "number:1e3",
      "operator:*",
      "number:.5",
      "operator:-",
      "number:2.",
      "operator::",
      "name:x",
      "end:",
    ]);
    const tokens = tokenize("y ~ x");
    expect(tokens.map((t) => [t.start, t.end])).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
      [5, 5],
    ]);
    expect(tokenize("1.5e-2")[0].value).toBe(0.015);
  });

  it("reads two-character operators, %in%, backticked names and comments", () => {
    expect(kinds("a || b | c ** 2 %in% d & e")).toEqual([
      "name:a",
      "operator:||",
      "name:b",
      "operator:|",
      "name:c",
      "operator:^",
      "number:2",
      "operator:%in%",
      "name:d",
      "operator:&",
      "name:e",
      "end:",
    ]);
    const quoted = tokenize("`my col` # note\n+ z");
    expect(quoted[0]).toMatchObject({ kind: "name", text: "my col", start: 0, end: 8 });
    expect(quoted[1]).toMatchObject({ kind: "operator", operator: "+", start: 16 });
  });

  it("rejects characters that cannot start a token", () => {
    expect(() => tokenize("y ~ x $ z")).toThrow(FormulaSyntaxError);
    expect(() => tokenize("y ~ 1e999")).toThrow(/too large/);
  });
});
