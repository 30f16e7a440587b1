// How far each GLMM bench case is from its glmer reference, in the units the reference tests
// use (packages/models/test/glmm-reference.test.ts): −2 log L against glmer's, the largest
// |Δβ|/SE, |SE/SE_ref − 1| and |sd/sd_ref − 1|, and the bits of the objective and β (to check
// that two runs agree exactly). Not a test: a quick look at the margins while tuning the fit.
// Usage: node bench/glmm-accuracy.mjs [id,id,...]
import { readFileSync } from "node:fs";
import { loadDataset } from "@mixedmodels/datasets";
import { fit, glmm } from "mixedmodels";

const fixtures = new URL("../packages/models/test/fixtures/glmm/", import.meta.url);
const ids = (
  process.argv[2] ??
  "cbpp_binomial,cbpp_binomial_agq9,cbpp_cloglog,grouseticks_poisson,arabidopsis_poisson,verbagg_bernoulli,verbagg_slope"
).split(",");

function table(dataset, formula) {
  const raw = loadDataset(dataset);
  const name = formula.split("~")[0].trim();
  const column = raw.columns[name];
  if (column?.kind !== "categorical") return raw;
  const values = Float64Array.from(column.codes, (c) => (c < 0 ? Number.NaN : c));
  return { ...raw, columns: { ...raw.columns, [name]: { kind: "numeric", values } } };
}

for (const id of ids) {
  const reference = JSON.parse(readFileSync(new URL(`${id}.json`, fixtures), "utf8"));
  const match = /^(\w+)(?:\(link = "(\w+)"\))?$/.exec(reference.family);
  const tight =
    id === "cbpp_binomial"
      ? JSON.parse(readFileSync(new URL("cbpp_binomial_tight.json", fixtures), "utf8"))
      : reference;
  const started = performance.now();
  const model = glmm(reference.formula, table(reference.dataset, reference.formula), {
    family: match[1],
    ...(match[2] ? { link: match[2] } : {}),
    ...(reference.weights ? { weights: reference.weights } : {}),
  });
  fit(model, { nAGQ: reference.nAGQ });
  const beta = model.coef();
  const errors = model.stderror();
  const ms = performance.now() - started;
  const deviance = reference.nAGQ === 1 ? -2 * model.loglikelihood : model.objective;
  let betaSe = 0;
  let seRel = 0;
  reference.fixef.beta.forEach((value, i) => {
    betaSe = Math.max(betaSe, Math.abs(beta[i] - value) / reference.fixef.stderror[i]);
    seRel = Math.max(seRel, Math.abs(errors[i] / tight.fixef.stderror[i] - 1));
  });
  const groups = new Map(model.varCorr().groups.map((group) => [group.group, group]));
  let sdRel = 0;
  for (const expected of reference.varcorr) {
    expected.sd.forEach((sd, i) => {
      sdRel = Math.max(sdRel, Math.abs((groups.get(expected.group)?.sd[i] ?? 0) / sd - 1));
    });
  }
  // The same standard errors from the Hessian at the optimum (as the summary computes it when
  // the fit's Newton polish left none): how far the polish's Hessian, taken one Newton step
  // away, moves them.
  let lazyDiff = 0;
  if (model.fitState?.covariance) {
    model.fitState = { ...model.fitState, covariance: null };
    model.covarianceCache = null;
    const lazy = model.stderror();
    errors.forEach((v, i) => {
      lazyDiff = Math.max(lazyDiff, Math.abs(v / lazy[i] - 1));
    });
  }
  const hash = [model.objective, ...beta].map((v) => v.toString(36)).join(",");
  console.log(
    JSON.stringify({
      id,
      ms: Math.round(ms),
      evaluations: model.fitLog.length,
      devianceMinusGlmer: Number((deviance - reference.deviance_laplace).toExponential(3)),
      maxBetaSe: Number(betaSe.toExponential(3)),
      maxSeRel: Number(seRel.toExponential(3)),
      maxSdRel: Number(sdRel.toExponential(3)),
      seFromPolishVsAtOptimum: Number(lazyDiff.toExponential(3)),
      bits: hash,
    }),
  );
}
