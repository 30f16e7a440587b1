// InstEval: 73,421 ratings, 2,972 students crossed with 1,128 instructors, 28 fixed effects.
import { insteval } from "@mixedmodels/datasets";
import { fit, lmm } from "mixedmodels";

const started = performance.now();
const model = fit(lmm("y ~ 1 + dept * service + (1 | s) + (1 | d)", insteval));
const seconds = (performance.now() - started) / 1000;
console.log(model.toString());
console.log(
  `\nfitted in ${seconds.toFixed(2)} s (model construction included), ${model.optsum.evaluations} evaluations`,
);
