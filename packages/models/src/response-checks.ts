import { DataError, ModelError } from "@mixedmodels/core";

/** A NaN or ±Infinity in the response would give a silent NaN objective: reject it up front. */
export function checkFiniteResponse(y: ArrayLike<number>, name: string): void {
  for (let t = 0; t < y.length; t++) {
    if (!Number.isFinite(y[t])) {
      throw new DataError(`the response '${name}' has the non-finite value ${y[t]} in row ${t}`, {
        column: name,
        row: t,
      });
    }
  }
}

/** A constant response leaves nothing to estimate (MixedModels.jl refuses it too). */
export function checkNonConstantResponse(y: ArrayLike<number>): void {
  for (let t = 1; t < y.length; t++) if (y[t] !== y[0]) return;
  throw new ModelError("the response is constant: there is nothing to fit");
}
