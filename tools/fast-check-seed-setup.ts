// Runs before every test file: fast-check's global seed for the run, which the project config
// (vitest-package.ts) resolved in the main process and put in FC_SEED for every worker.
import fc from "fast-check";

const seed = Number(process.env.FC_SEED);
if (!Number.isSafeInteger(seed))
  throw new Error(`FC_SEED is not set to a seed: '${process.env.FC_SEED}'`);
// A failing property whose shrinking never ends once held a CI worker for an hour (issue 19):
// a property, its shrinking included, gets a minute, and running out of it is a failure.
fc.configureGlobal({
  ...fc.readConfigureGlobal(),
  seed,
  // Stryker's instrumented code is several times slower (see vitest-package.ts).
  interruptAfterTimeLimit: process.env.STRYKER_MUTATOR_WORKER === undefined ? 60_000 : 600_000,
  markInterruptAsFailure: true,
});
