// Plants, one at a time, the bugs that once passed every test (issue 19), runs the test projects
// that should catch each, and prints which tests fail. Each bug must make at least one test fail;
// the script exits 1 if one does not. The source is restored after every run (also on Ctrl-C).
// Not part of CI (it runs several projects per bug): `node tools/replant-bugs.mjs [id ...]`.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");

/** Each bug: a text replacement in one file and the vitest projects whose tests should catch it. */
const bugs = [
  {
    id: "fitted-drops-Zb",
    what: "fitted() leaves out Zb (the random effects' contribution)",
    file: "packages/models/src/conditioned-parts.ts",
    from: "      out[t] += sum;\n",
    to: "      out[t] += 0 * sum;\n",
    projects: ["models", "mixedmodels"],
  },
  {
    id: "fitted-uses-u",
    what: "fitted() uses the spherical modes u instead of b = Λu",
    file: "packages/models/src/user-scale.ts",
    from: "      fitB: internal.b,\n",
    to: "      fitB: internal.u,\n",
    projects: ["models", "mixedmodels"],
  },
  {
    id: "aicc-denominator",
    what: "AICc divides by n − k instead of n − k − 1",
    file: "packages/models/src/mixed-model.ts",
    from: "(this.nobs - k - 1)",
    to: "(this.nobs - k)",
    projects: ["models", "mixedmodels", "report"],
  },
  {
    id: "nelder-mead-shrink-factor",
    what: "Nelder–Mead shrinks towards the best vertex by 1 − 2/n instead of 1 − 1/n",
    file: "packages/optim/src/nelder-mead/nelder-mead-algorithm.ts",
    from: "const shrinkage = n > 2 ? 1 - 1 / n : 0.5;",
    to: "const shrinkage = n > 2 ? 1 - 2 / n : 0.5;",
    projects: ["optim"],
  },
  {
    id: "nelder-mead-shrink-values",
    what: "Nelder–Mead's shrink step evaluates the shrunk vertices but keeps their old values",
    file: "packages/optim/src/nelder-mead/nelder-mead-algorithm.ts",
    from: "      values[k] = problem.evaluate(vertex(k));\n",
    to: "      problem.evaluate(vertex(k));\n",
    projects: ["optim"],
  },
  {
    id: "colon-binds-looser-than-star",
    what: "`:` binds looser than `*` in the formula parser",
    file: "packages/formula/src/operator-precedence.ts",
    from: '  ":": 50,\n',
    to: '  ":": 25,\n',
    projects: ["formula"],
  },
  {
    id: "p-value-one-tail",
    what: "the two-sided normal p-value is one tail, P(Z > |z|)",
    file: "packages/distributions/src/normal.ts",
    from: "  return 2 * normalSurvival(Math.abs(z));",
    to: "  return normalSurvival(Math.abs(z));",
    projects: ["distributions", "models", "inference"],
  },
  {
    id: "t-p-value-wrong-tail",
    what: "the t survival function returns the lower tail for t > 0",
    file: "packages/distributions/src/student-t.ts",
    from: "return t > 0 ? 0.5 * twoSided.lower : 0.5 + 0.5 * twoSided.upper;",
    to: "return t > 0 ? 0.5 + 0.5 * twoSided.upper : 0.5 * twoSided.lower;",
    projects: ["distributions", "inference"],
  },
];

const wanted = new Set(process.argv.slice(2));
let restore = null;
process.on("SIGINT", () => {
  restore?.();
  process.exit(130);
});

let missed = 0;
for (const bug of bugs) {
  if (wanted.size > 0 && !wanted.has(bug.id)) continue;
  const path = join(root, bug.file);
  const original = readFileSync(path, "utf8");
  if (original.split(bug.from).length !== 2) {
    throw new Error(`${bug.id}: the text to replace is not found exactly once in ${bug.file}`);
  }
  restore = () => writeFileSync(path, original);
  writeFileSync(path, original.replace(bug.from, bug.to));
  const run = spawnSync(
    "npx",
    ["vitest", "run", ...bug.projects.flatMap((p) => ["--project", p]), "--reporter=json"],
    { cwd: root, encoding: "utf8", maxBuffer: 1 << 28, env: { ...process.env, FC_SEED: "42" } },
  );
  restore();
  restore = null;
  const report = JSON.parse(run.stdout.slice(run.stdout.indexOf("{")));
  const failing = report.testResults.flatMap((file) =>
    file.assertionResults
      .filter((test) => test.status === "failed")
      .map((test) => `${file.name.slice(root.length + 1)} › ${test.fullName}`),
  );
  console.log(`\n## ${bug.id}: ${bug.what}\n${failing.length} failing test(s)`);
  for (const name of failing) console.log(`- ${name}`);
  if (failing.length === 0) missed++;
}
process.exit(missed === 0 ? 0 : 1);
