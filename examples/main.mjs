// The main job: fit the seed's models on embedded datasets and print their summaries.
// Run with `pnpm main` after `pnpm install && pnpm build`.
import { dyestuff, sleepstudy } from "@mixedmodels/datasets";
import { fit, lmm } from "mixedmodels";

const dyestuffModel = fit(lmm("Yield ~ 1 + (1 | Batch)", dyestuff));
console.log(dyestuffModel.toString());
console.log();

const sleepModel = fit(lmm("Reaction ~ 1 + Days + (1 + Days | Subject)", sleepstudy));
console.log(sleepModel.toString());
