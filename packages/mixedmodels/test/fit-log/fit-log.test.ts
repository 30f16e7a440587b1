import { describe, expect, it } from "vitest";
import fixture from "./fixtures/fit-logs.json";
import { fitLogCases, fitLogDifferences, type RecordedFitLogs } from "./recorded-fit-log";

// JSON imports type tuples as arrays; the fixture has the shape make-fit-logs.ts writes.
const recorded = fixture as unknown as RecordedFitLogs;

// Issue 12: every evaluation of five reference fits (θ and the objective) reproduced bit for bit.
// A failure here means the optimizer's path or the objective changed in the last bit: on another
// engine that is a determinism bug; after a deliberate algorithm change, regenerate the fixture
// with make-fit-logs.ts and say so in the commit.
describe("recorded fit logs", () => {
  it("cover five reference fits (three by BOBYQA, two by the default quasi-Newton method)", () => {
    const logs = recorded.logs;
    expect(fitLogCases.length).toBe(5);
    for (const reference of fitLogCases) {
      expect(logs[reference.name]?.length).toBeGreaterThanOrEqual(10);
    }
  });

  it("are reproduced bit for bit", () => {
    expect(fitLogDifferences(recorded)).toEqual([]);
  });
});
