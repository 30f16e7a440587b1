export const usage = `Usage:
  mixedmodels fit <data.csv | dataset> --formula "<formula>" [options]
  mixedmodels datasets
  mixedmodels --help | --version

fit options:
  -f, --formula <text>       model formula in lme4 syntax (required)
      --reml                 fit by REML (default: maximum likelihood)
      --categorical <a,b>    treat these columns as categorical
      --format <fmt>         text (default), markdown, html or latex
      --json                 print one JSON object instead of the summary
      --verbose              print the objective at every evaluation (stderr)
      --debug                show stack traces for errors

Examples:
  mixedmodels fit sleepstudy --formula "Reaction ~ 1 + Days + (1 + Days | Subject)"
  mixedmodels fit data.csv -f "y ~ 1 + x + (1 | g)" --reml --json
`;
