import type { ModelParts } from "@mixedmodels/modelmatrix";
import type { BlockedSystem } from "./blocked-system";
import type { BlockDescription } from "./model-types";

const STORAGE_NAMES: Readonly<Record<string, string>> = {
  diagonal: "Diagonal",
  "uniform-block-diagonal": "BlkDiag",
  "sparse-csc": "Sparse",
  dense: "Dense",
  "sparse-cholesky": "SparseChol",
};

/**
 * The storage type of every block of L (where the model fills in, and where it stays sparse),
 * and per term how its diagonal block is factored, with the flop estimates behind that choice.
 */
export function describeBlocks(system: BlockedSystem, parts: ModelParts): BlockDescription {
  const rows = parts.reterms.map((term) => ({
    name: term.group,
    size: term.levels.length * term.s,
  }));
  rows.push({ name: "fixed", size: system.p + 1 });
  const blocks = rows.map((_, i) =>
    rows.slice(0, i + 1).map((__, j) => STORAGE_NAMES[system.factorBlock(i, j).kind]),
  );
  const factorization = system.factorChoices.map((choice, i) => ({
    name: rows[i].name,
    ...choice,
  }));
  return { rows, blocks, factorization };
}
