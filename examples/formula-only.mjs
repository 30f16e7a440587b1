// Only the formula parser: no model, no data. @mixedmodels/formula has no dependencies.
import { formatFormula, parseFormula } from "@mixedmodels/formula";

for (const text of [
  "Reaction ~ 1 + Days + (1 + Days | Subject)",
  "y ~ 1 + dept*service + (1|s) + (1|d)",
  "strength ~ 1 + (1 | batch/cask)",
  "Reaction ~ 1 + Days + (1 + Days || Subject)",
]) {
  const formula = parseFormula(text);
  console.log(formatFormula(formula));
  console.log(
    "  fixed:",
    ["(Intercept)", ...formula.fixed.map((term) => term.label)]
      .slice(formula.intercept ? 0 : 1)
      .join(", "),
  );
  for (const term of formula.random) {
    console.log(
      `  random: ${term.label} (grouping ${term.groupingLabel}, ${term.correlated ? "correlated" : "uncorrelated"})`,
    );
  }
}

try {
  parseFormula("y ~ x * (1 | g)");
} catch (error) {
  console.log(`\n${error.message}`);
}
