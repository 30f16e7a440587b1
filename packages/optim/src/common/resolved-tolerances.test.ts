import { describe, expect, it } from "vitest";
import { fChangeNegligible, resolveTolerances } from "./resolved-tolerances";

describe("NLopt-style tolerances", () => {
  it("are disabled (0) when absent and reject negative values", () => {
    expect(resolveTolerances({})).toEqual({ ftolRel: 0, ftolAbs: 0, xtolAbs: 0 });
    expect(() => resolveTolerances({ ftolAbs: -1 })).toThrow(/ftolAbs/);
  });
  it("compare a change of f with ftolAbs and with ftolRel times the mean |f|, strictly", () => {
    const tolerances = resolveTolerances({ ftolRel: 1e-12, ftolAbs: 1e-8 });
    expect(fChangeNegligible(tolerances, 1000, 1000 - 5e-9)).toBe(true);
    expect(fChangeNegligible(tolerances, 1000, 1000 - 2e-8)).toBe(false);
    expect(fChangeNegligible(resolveTolerances({ ftolRel: 1e-6 }), 1000, 999.9995)).toBe(true);
    expect(fChangeNegligible(resolveTolerances({}), 1, 1)).toBe(false);
    expect(fChangeNegligible(tolerances, Number.POSITIVE_INFINITY, 1)).toBe(false);
  });
});
