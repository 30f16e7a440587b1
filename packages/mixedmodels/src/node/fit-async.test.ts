import { dyestuff, sleepstudy } from "@mixedmodels/datasets";
import { DataError, FitAbortedError, MixedModelsError } from "@mixedmodels/core";
import { describe, expect, it } from "vitest";
import { fit, lmm } from "../index";
import { fitAsync } from "./fit-async";

const formula = "Reaction ~ 1 + Days + (1 + Days | Subject)";

describe("fitAsync in a worker thread", () => {
  it("gives the same bits as a fit on this thread, with progress from the worker", async () => {
    const seen: number[] = [];
    const model = await fitAsync(
      formula,
      sleepstudy,
      {},
      { progress: (evaluation) => seen.push(evaluation) },
    );
    const here = fit(lmm(formula, sleepstudy));
    expect(model.objective).toBe(here.objective);
    expect(Array.from(model.theta)).toEqual(Array.from(here.theta));
    expect(Array.from(model.stderror())).toEqual(Array.from(here.stderror()));
    expect(model.toString()).toBe(here.toString());
    expect(seen.length).toBe(here.fitLog.length);
    expect(seen[0]).toBe(1);
  }, 120_000);

  it("stops when the signal aborts, with a FitAbortedError", async () => {
    const controller = new AbortController();
    const running = fitAsync(
      formula,
      sleepstudy,
      {},
      {
        signal: controller.signal,
        progress: (evaluation) => {
          if (evaluation === 3) controller.abort("stop");
        },
      },
    );
    await expect(running).rejects.toBeInstanceOf(FitAbortedError);
    const already = new AbortController();
    already.abort();
    await expect(
      fitAsync(formula, sleepstudy, {}, { signal: already.signal }),
    ).rejects.toBeInstanceOf(FitAbortedError);
  }, 120_000);

  it("rejects with the worker's typed error", async () => {
    await expect(fitAsync("Yield ~ 1 + (1 | Bach)", dyestuff)).rejects.toBeInstanceOf(DataError);
    await expect(fitAsync("Yield ~ 1 + (1 |", dyestuff)).rejects.toBeInstanceOf(MixedModelsError);
  }, 120_000);
});
