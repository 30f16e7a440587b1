// Help pages of predict, simulate and bootstrap (exit codes as in the other commands' pages).

const common = `The data and model flags are fit's (\`mixedmodels help fit\`): -f/--formula, --reml,
--family, --link, --nagq, --fast (a generalized model: Bernoulli, binomial, Poisson),
--weights, --offset, --delimiter, --categorical, --levels, --reference, --contrasts, --schema,
-o/--output, --debug. With --newdata, an --offset column is read from the new data.

Exit codes: 0 success; 1 the data or the model; 2 the command line.`;

export const predictUsage = `Usage:
  mixedmodels predict <data.csv | - | dataset> --formula "<formula>" [--newdata <file | dataset>]
      [--new-levels error|population|missing] [--terms all|none|<g1,g2>] [--type response|link]
      [--json | --csv]

Fits the model to the data, then prints one prediction per row of --newdata (default: the data),
in order; NA where a needed value is missing. --csv prints the new data with a prediction column.

${common}

Example:
  mixedmodels predict sleepstudy -f "Reaction ~ 1 + Days + (1 + Days | Subject)" --newdata new.csv --new-levels population --csv
`;

export const simulateUsage = `Usage:
  mixedmodels simulate <data.csv | - | dataset> --formula "<formula>" --seed <integer>
      [--nsim <k>] [--newdata <file | dataset>] [--trials <column>] [--json]

Fits the model, then prints k simulated responses as CSV columns sim_1..sim_k (one row per row of
the data or of --newdata); --json prints { seed, nsim, responses }. The same seed gives the same
numbers on every machine. A generalized model's responses are on its own scale: 0/1, a binomial's
proportion of successes (of its --weights, or on --newdata of the --trials column), counts.

${common}
`;

export const bootstrapUsage = `Usage:
  mixedmodels bootstrap <data.csv | - | dataset> --formula "<formula>" --seed <integer>
      [--n 1000] [--workers 1] [--level 0.95] [--json | --csv]

Parametric bootstrap: fits the model, simulates n responses from it and refits each, on
--workers threads (the result is the same for any number). Prints percentile and shortest
coverage intervals; --json prints every replicate (the format bootstrapFromJSON() reads), --csv
one row per replicate. A progress bar is shown on a terminal.

${common}

Example:
  mixedmodels bootstrap sleepstudy -f "Reaction ~ 1 + Days + (1 + Days | Subject)" --n 1000 --seed 42 --workers 2
`;
