// The test set of Stryker's models run (stryker.lme4.config.mjs): the tests that check the
// likelihood, fitted values and accessors against lme4, including two of the umbrella's
// (fitted/residuals, AICc), which reach this package's source through the workspace. Not a
// project of the root config; `vitest run --config vitest.lme4.config.ts` runs it alone.
import base from "./vitest.config";

export default {
  ...base,
  test: {
    ...base.test,
    include: [
      "test/reference-fits.test.ts",
      "test/accessors.test.ts",
      "test/lme4-derived-accessors.test.ts",
      "../mixedmodels/test/fitted-residuals-vs-lme4.test.ts",
      "../mixedmodels/src/aicc.test.ts",
    ],
  },
};
