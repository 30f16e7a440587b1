import { bootstrapUsage, predictUsage, simulateUsage } from "./commands/resampling-usage";

// The help texts. Exit codes are part of the command's contract, so every page states them.

const exitCodes = `Exit codes:
  0  success (also when a reader closes the pipe early, as \`| head\` does)
  1  the data or the model: a bad value, an unknown column, a model that cannot be fitted
  2  the command line: an unknown option or command, a missing file, a bad flag value`;

export const usage = `Usage:
  mixedmodels <command> <data.csv | - | dataset> --formula "<formula>" [options]
  mixedmodels datasets
  mixedmodels help [command]
  mixedmodels --help | --version

Commands:
  fit        fit a linear (or, with --family, a generalized linear) mixed model and print its
             summary or JSON
  predict    fit, then predict the response of the data or of --newdata
  simulate   fit, then simulate responses from the fitted model (--seed)
  bootstrap  fit, then a parametric bootstrap: refit simulated responses (--seed, --workers)
  datasets   list the embedded example datasets
  help       show the help of a command (\`mixedmodels help fit\`, also \`fit --help\`)

${exitCodes}

Examples:
  mixedmodels fit sleepstudy --formula "Reaction ~ 1 + Days + (1 + Days | Subject)"
  mixedmodels fit data.csv -f "y ~ 1 + x + (1 | g)" --reml --json
  mixedmodels fit cbpp -f "incidence / size ~ 1 + period + (1|herd)" --family binomial --weights size --nagq 9
`;

export const fitUsage = `Usage:
  mixedmodels fit <data.csv | - | dataset> --formula "<formula>" [options]

The data: a CSV (or TSV, ;-separated…) file, read as a stream (a progress line on a terminal
for files over 4 MB); an Arrow IPC file (.arrow, .feather, .arrows, .ipc; dictionary columns are
factors in dictionary order) or a Parquet file (.parquet); \`-\` for CSV on standard input; or
the name of an embedded dataset (\`mixedmodels datasets\` lists them).

Model:
  -f, --formula <text>         model formula in lme4 syntax (required)
      --reml                   fit by REML (default: maximum likelihood; linear models only)
      --weights <column>       precision weights (as lmer's weights =); for the binomial family
                               the number of trials (a proportion response, as glmer)
      --offset <column>        a known offset added to the linear predictor

Generalized linear mixed models (as glmer):
      --family <name>          bernoulli, binomial, poisson, gamma, inversegaussian or gaussian;
                               binomial without --weights on a 0/1 or two-level response is
                               Bernoulli; gaussian with the identity link is a linear model
      --link <name>            R's link: logit, probit, cloglog, cauchit, log, identity, sqrt,
                               inverse, 1/mu^2 (default: the family's canonical link)
      --nagq <k>               adaptive Gauss–Hermite with k nodes, 1–25 (default 1: Laplace);
                               k > 1 for a single scalar random-effects term only
      --fast                   optimize θ alone, β inside PIRLS (glmer's nAGQ = 0)

Reading the data:
      --delimiter <char>       field delimiter: , ; | or tab (\\t); default: detected from the
                               header when it holds exactly one of them, else ,
      --categorical <a,b>      treat these columns as categorical (repeatable)
      --levels <col=a,b,c>     level order of a column; the first is the reference (repeatable)
      --reference <col=level>  the reference level of a column (repeatable)
      --contrasts <col=type>   coding: treatment, sum, effects, helmert, seqdiff or fulldummy
                               (repeatable)
      --schema <file.json>     column types and level orders, in the datasets' schema format
      --engine <memory|duckdb> duckdb: the cross-products by SQL on DuckDB over a .parquet or
                               .csv file, which never enters memory (needs @mixedmodels/duckdb)

Output:
      --format <fmt>           text (default), markdown, html or latex
      --json                   print one JSON object instead of the summary
      --ddf <method>           t tests with df: satterthwaite, or kenward-roger (REML fits)
      --confint <method>       95% intervals: wald, profile (likelihood profile) or boot
      --ranef                  with --json: include the conditional modes of the random effects
      --timing                 with --json: include the fit's wall-clock "seconds"
  -o, --output <file>          write the summary or JSON to a file instead of standard output
      --save <fit.json>        save the fit (θ, optimization summary, fit log) for restoreFit()
      --verbose                print the objective at every evaluation (stderr)
      --debug                  show stack traces for errors
  -h, --help                   show this help

The JSON (schema version 3): version, formula, reml, nobs, family, link, nagq, objective,
loglik, aic, bic, dof, sigma, theta, fixef { names, estimates, stderror, z, p, aliased }, varcorr,
ngroups, converged, evaluations, warnings [{ code, message }], then ranef with --ranef and seconds
with --timing. A linear model has family "gaussian", link "identity" and nagq null; its objective
is the ML deviance or REML criterion. A GLMM's objective is MixedModels.jl's (the Laplace or AGQ
deviance, without saturated terms), loglik includes the saturated terms (lme4's logLik for
nagq 1), and sigma is null for a family without dispersion. Numbers that do not exist (the
standard error of an aliased coefficient) are null.

${exitCodes}

Examples:
  mixedmodels fit sleepstudy -f "Reaction ~ 1 + Days + (1 + Days | Subject)" --json
  mixedmodels fit insteval.csv --schema insteval.schema.json -f "y ~ 1 + dept*service + (1|s) + (1|d)"
  cat data.tsv | mixedmodels fit - -f "y ~ 1 + x + (1 | g)" --reference g=control -o fit.txt
  mixedmodels fit verbagg -f "r2 ~ 1 + Anger + Gender + btype + situ + (1|id) + (1|item)" --family bernoulli
`;

export const datasetsUsage = `Usage:
  mixedmodels datasets

Lists the embedded example datasets (name, rows, columns, description). Each name can stand in
for a file: \`mixedmodels fit sleepstudy -f …\`.

${exitCodes}
`;

export const commandUsage: Readonly<Record<string, string>> = Object.assign(Object.create(null), {
  fit: fitUsage,
  predict: predictUsage,
  simulate: simulateUsage,
  bootstrap: bootstrapUsage,
  datasets: datasetsUsage,
  help: usage,
});
