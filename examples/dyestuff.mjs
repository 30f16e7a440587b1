// The seed example: Dyestuff, one random intercept, by maximum likelihood and by REML.
import { dyestuff } from "@mixedmodels/datasets";
import { fit, fixef, lmm, ranef, stderror } from "mixedmodels";

const ml = fit(lmm("Yield ~ 1 + (1 | Batch)", dyestuff));
console.log(ml.toString());
console.log("\nfixef:", Array.from(fixef(ml)), "stderror:", Array.from(stderror(ml)));
const [batch] = ranef(ml);
console.log(
  "conditional modes by batch:",
  Object.fromEntries(batch.levels.map((level, i) => [level, batch.values[i]])),
);

const reml = fit(lmm("Yield ~ 1 + (1 | Batch)", dyestuff), { reml: true });
console.log(`\nREML criterion: ${reml.objective.toFixed(4)}`);
