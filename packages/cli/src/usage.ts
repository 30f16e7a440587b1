// The help texts. Exit codes are part of the command's contract, so every page states them.

const exitCodes = `Exit codes:
  0  success (also when a reader closes the pipe early, as \`| head\` does)
  1  the data or the model: a bad value, an unknown column, a model that cannot be fitted
  2  the command line: an unknown option or command, a missing file, a bad flag value`;

export const usage = `Usage:
  mixedmodels fit <data.csv | - | dataset> --formula "<formula>" [options]
  mixedmodels datasets
  mixedmodels help [command]
  mixedmodels --help | --version

Commands:
  fit        fit a linear mixed model and print its summary or JSON
  datasets   list the embedded example datasets
  help       show the help of a command (\`mixedmodels help fit\`)

${exitCodes}

Examples:
  mixedmodels fit sleepstudy --formula "Reaction ~ 1 + Days + (1 + Days | Subject)"
  mixedmodels fit data.csv -f "y ~ 1 + x + (1 | g)" --reml --json
`;

export const fitUsage = `Usage:
  mixedmodels fit <data.csv | - | dataset> --formula "<formula>" [options]

The data: a CSV (or TSV, ;-separated…) file, \`-\` for standard input, or the name of an embedded
dataset (\`mixedmodels datasets\` lists them).

Model:
  -f, --formula <text>         model formula in lme4 syntax (required)
      --reml                   fit by REML (default: maximum likelihood)
      --weights <column>       precision weights (as lmer's weights =)
      --offset <column>        a known offset added to the linear predictor

Reading the data:
      --delimiter <char>       field delimiter: , ; | or tab (\\t); default: detected from the
                               header when it holds exactly one of them, else ,
      --categorical <a,b>      treat these columns as categorical (repeatable)
      --levels <col=a,b,c>     level order of a column; the first is the reference (repeatable)
      --reference <col=level>  the reference level of a column (repeatable)
      --contrasts <col=type>   coding: treatment, sum, effects, helmert, seqdiff or fulldummy
                               (repeatable)
      --schema <file.json>     column types and level orders, in the datasets' schema format

Output:
      --format <fmt>           text (default), markdown, html or latex
      --json                   print one JSON object instead of the summary
      --ranef                  with --json: include the conditional modes of the random effects
      --timing                 with --json: include the fit's wall-clock "seconds"
  -o, --output <file>          write the summary or JSON to a file instead of standard output
      --save <fit.json>        save the fit (θ, optimization summary, fit log) for restoreFit()
      --verbose                print the objective at every evaluation (stderr)
      --debug                  show stack traces for errors
  -h, --help                   show this help

The JSON (schema version 2): version, formula, reml, nobs, objective, loglik, aic, bic, dof,
sigma, theta, fixef { names, estimates, stderror, z, p, aliased }, varcorr, ngroups, converged,
evaluations, warnings [{ code, message }], then ranef with --ranef and seconds with --timing.
Numbers that do not exist (the standard error of an aliased coefficient) are null.

${exitCodes}

Examples:
  mixedmodels fit sleepstudy -f "Reaction ~ 1 + Days + (1 + Days | Subject)" --json
  mixedmodels fit insteval.csv --schema insteval.schema.json -f "y ~ 1 + dept*service + (1|s) + (1|d)"
  cat data.tsv | mixedmodels fit - -f "y ~ 1 + x + (1 | g)" --reference g=control -o fit.txt
`;

export const datasetsUsage = `Usage:
  mixedmodels datasets

Lists the embedded example datasets (name, rows, columns, description). Each name can stand in
for a file: \`mixedmodels fit sleepstudy -f …\`.

${exitCodes}
`;

export const commandUsage: Readonly<Record<string, string>> = Object.assign(Object.create(null), {
  fit: fitUsage,
  datasets: datasetsUsage,
  help: usage,
});
