// Stryker on the likelihood, fitted values and accessors of linear models, tested by the tests
// that compare them with lme4 (vitest.lme4.config.ts). With the scored line ranges, from
// packages/models (see the README's mutation score):
//   nice -n 19 pnpm exec stryker run stryker.lme4.config.mjs --concurrency 1 --mutate \
//     "src/conditioned-parts.ts:19-42,src/mixed-model.ts:103-147,src/linear-mixed-model.ts:131-180,src/blocked-system.ts:177-222"
import { strykerPackageConfig } from "../../tools/stryker-package.mjs";

const config = strykerPackageConfig();
// Its own incremental file: the default run (stryker.config.mjs) scores other files and tests.
export default {
  ...config,
  vitest: { configFile: "vitest.lme4.config.ts" },
  incrementalFile: "reports/stryker-lme4-incremental.json",
};
