import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

// Tests import sibling packages from their TypeScript source through this export condition,
// so nothing has to be built before the tests run.
const conditions = ["@mixedmodels/source", "module", "node", "import", "default"];

const fastCheckSeedSetup = fileURLToPath(new URL("./fast-check-seed-setup.ts", import.meta.url));

/**
 * The fast-check seed of a test run. Locally it is 42, so a run is reproducible; in CI (or with
 * FC_SEED=random) each run draws a fresh one, so CI keeps exploring new cases. The seed is put
 * in FC_SEED before any worker starts, so every test file of the run uses the same one, and the
 * summary reporter prints it; `FC_SEED=<seed> pnpm test` reruns a failure (fast-check's message
 * also names the seed and the shrink path of the failing case).
 */
function resolvePropertySeed(): number {
  const requested = process.env.FC_SEED ?? (process.env.CI === "true" ? "random" : "42");
  if (requested !== "random") {
    const seed = Number(requested);
    if (!Number.isSafeInteger(seed))
      throw new Error(`FC_SEED must be an integer or "random", not '${requested}'`);
    process.env.FC_SEED = String(seed);
    return seed;
  }
  // The seed only picks test cases; it never reaches a model, so the engine's generator is fine.
  const seed = Math.floor(Math.random() * 0x7fffffff);
  process.env.FC_SEED = String(seed);
  return seed;
}

export function packageTestConfig(name: string) {
  // Resolved here, in the main process, so that all the workers of a run share one seed.
  resolvePropertySeed();
  return defineProject({
    resolve: { conditions },
    ssr: { resolve: { conditions } },
    test: {
      name,
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      // Under Stryker every expression of the package is instrumented and runs several times
      // slower; its own per-mutant timeout, not this one, then decides a hung mutant.
      testTimeout: process.env.STRYKER_MUTATOR_WORKER === undefined ? 60_000 : 900_000,
      setupFiles: [fastCheckSeedSetup],
    },
  });
}
