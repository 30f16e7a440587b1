import { describe, expect, it } from "vitest";
import fixture from "./fixtures/fit-logs.json";
import { fitLogCases, fitLogDifferences, type RecordedFitLogs } from "./recorded-fit-log";

// JSON imports type tuples as arrays; the fixture has the shape make-fit-logs.ts writes.
const recorded = fixture as unknown as RecordedFitLogs;

// Issue 12: every evaluation of three reference fits (θ and the objective) reproduced bit for bit.
// A failure here means the optimizer's path or the objective changed in the last bit: on another
// engine that is a determinism bug; after a deliberate algorithm change, regenerate the fixture
// with make-fit-logs.ts and say so in the commit.
describe("recorded fit logs", () => {
  it("cover three reference cases with a full log each", () => {
    const logs = recorded.logs;
    for (const reference of fitLogCases) expect(logs[reference.name]?.length).toBeGreaterThan(10);
  });

  it("are reproduced bit for bit", () => {
    expect(fitLogDifferences(recorded)).toEqual([]);
  });
});
