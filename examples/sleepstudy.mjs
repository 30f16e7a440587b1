// sleepstudy: correlated random intercept and slope, then the uncorrelated form, with a
// likelihood-ratio test between them.
import { sleepstudy } from "@mixedmodels/datasets";
import { fit, formatLikelihoodRatioTest, likelihoodRatioTest, lmm } from "mixedmodels";

const correlated = fit(lmm("Reaction ~ 1 + Days + (1 + Days | Subject)", sleepstudy));
console.log(correlated.toString());

const uncorrelated = fit(lmm("Reaction ~ 1 + Days + zerocorr(1 + Days | Subject)", sleepstudy));
console.log(`\nzerocorr objective: ${uncorrelated.objective.toFixed(4)}`);
console.log(
  formatLikelihoodRatioTest(likelihoodRatioTest(uncorrelated.summary(), correlated.summary())),
);
