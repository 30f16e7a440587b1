import type { Reporter, TestModule } from "vitest/node";

/** Ends every run with the one line CI reads: `N passed, N failed, N skipped`. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const testModule of testModules) {
      let testsInModule = 0;
      for (const test of testModule.children.allTests()) {
        testsInModule++;
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
      // A file that fails to load has no tests; it must still count as a failure.
      if (testsInModule === 0 && testModule.state() === "failed") failed++;
    }
    console.log(
      `fast-check seed: ${process.env.FC_SEED} (rerun with FC_SEED=${process.env.FC_SEED})`,
    );
    console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  }
}
