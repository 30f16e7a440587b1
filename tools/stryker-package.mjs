// Stryker's configuration for one package, shared by the packages' stryker.config.mjs. Run from a
// package directory with `pnpm mutate` (or `pnpm mutate --filter @mixedmodels/<name>` at the root);
// never in CI: a package takes tens of minutes to hours on two cores.
//
// The mutants are applied in place (the package's own files, restored when Stryker ends) because
// the packages' vitest configs import ../../tools/: a sandbox copy of one package would not find
// them. So run it on a clean working tree, and check `git status` afterwards.
//
// Results accumulate in reports/stryker-incremental.json (committed): a later run tests only the
// mutants whose code or covering tests changed, so a package's score can be completed over
// several sessions. The incremental file is written only when a run ends: a run stopped midway
// leaves nothing. reports/mutation.json (the full report) is not committed.
//
// On the shared two-core machine: `nice -n 19`, one test runner (the default here), and where a
// package's whole run is too long, `--mutate` on its core files (line ranges work:
// `src/a.ts:10-40`) and `--testFiles` on the tests written for them; the package README records
// exactly what was scored. A survivor reruns every test that covers it, so one slow related test
// file can make a run take hours (linalg's 280 mutants with all related tests: an estimated 4-7 h).

/** @param {{ mutate?: string[] }} [options] */
export function strykerPackageConfig(options = {}) {
  return {
    testRunner: "vitest",
    plugins: ["@stryker-mutator/vitest-runner"],
    vitest: { configFile: "vitest.config.ts" },
    coverageAnalysis: "perTest",
    inPlace: true,
    mutate: options.mutate ?? [
      "src/**/*.ts",
      "!src/**/*.test.ts",
      "!src/**/*.test-helper.ts",
      "!src/**/index.ts",
    ],
    // A static mutant (a module-level constant) forces every test to run for it; they are
    // reported as ignored rather than run.
    ignoreStatic: true,
    incremental: true,
    incrementalFile: "reports/stryker-incremental.json",
    reporters: ["clear-text", "progress", "json"],
    jsonReporter: { fileName: "reports/mutation.json" },
    clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
    concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 1),
    timeoutMS: 20_000,
    timeoutFactor: 2,
    tempDirName: ".stryker-tmp",
    cleanTempDir: "always",
  };
}
