import type { Term, TermFactor } from "./types";

/** A term as the sorted indices of its factors in a `FactorScope`. */
export type FactorIndices = readonly number[];

/**
 * The factors met while expanding one formula part (the fixed part, or one bar's left side), in
 * order of first appearance. That order fixes the order of factors inside an interaction, as R's
 * `terms()` does with its variable list: `dept*service` gives `dept:service`.
 */
export class FactorScope {
  private readonly indexByKey = new Map<string, number>();
  private readonly factors: TermFactor[] = [];

  /** The index of the factor with this identity key, registering it on first sight. */
  register(key: string, factor: TermFactor): number {
    const known = this.indexByKey.get(key);
    if (known !== undefined) return known;
    this.factors.push(factor);
    this.indexByKey.set(key, this.factors.length - 1);
    return this.factors.length - 1;
  }

  /** Builds the public `Term` of a set of factor indices. */
  term(indices: FactorIndices): Term {
    const factors = indices.map((index) => this.factors[index]);
    return {
      factors,
      label: factors.map((factor) => factor.label).join(":"),
      degree: factors.length,
    };
  }
}
