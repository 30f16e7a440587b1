// Runs before every test file: fast-check's global seed for the run, which the project config
// (vitest-package.ts) resolved in the main process and put in FC_SEED for every worker.
import fc from "fast-check";

const seed = Number(process.env.FC_SEED);
if (!Number.isSafeInteger(seed))
  throw new Error(`FC_SEED is not set to a seed: '${process.env.FC_SEED}'`);
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
