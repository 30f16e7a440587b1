import { describe, expect, it } from "vitest";
import { closestNames, didYouMean, editDistance } from "./closest-names";

describe("closestNames", () => {
  it("counts edits, a change of case as half an edit", () => {
    expect(editDistance("Reation", "Reaction")).toBe(1);
    expect(editDistance("days", "Days")).toBe(0.5);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("suggests only close names, best first", () => {
    const names = ["Reaction", "Days", "Subject"];
    expect(closestNames("Reation", names)).toEqual(["Reaction"]);
    expect(closestNames("days", names)).toEqual(["Days"]);
    expect(closestNames("zzz", names)).toEqual([]);
    expect(didYouMean("subjct", names)).toBe("; did you mean 'Subject'?");
    expect(didYouMean("b", ["a", "c"])).toBe("; did you mean 'a' or 'c'?");
  });
});
