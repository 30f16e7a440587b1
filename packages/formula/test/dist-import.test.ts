import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const built =
  existsSync(join(packageRoot, "dist", "index.cjs")) &&
  existsSync(join(packageRoot, "dist", "index.js"));
const reason = built
  ? ""
  : " (skipped: dist/ is missing; run `npx tsup` in packages/formula first)";

/** Runs `code` in a fresh node process from the package root, where the package resolves itself. */
function runNode(args: string[]): unknown {
  const output = execFileSync(process.execPath, args, { cwd: packageRoot, encoding: "utf8" });
  return JSON.parse(output);
}

const probe = `
const p = parseFormula("Reaction ~ 1 + Days + (1 + Days | Subject)");
let code = null;
try { parseFormula("y ~ x * (1 | g)"); } catch (e) { code = e.code; }
console.log(JSON.stringify({ fixed: p.fixed.map((t) => t.label), random: p.random.map((t) => t.label), code }));
`;
const expected = { fixed: ["Days"], random: ["(1 + Days | Subject)"], code: "FORMULA_SYNTAX" };

describe.skipIf(!built)(`the built package in plain node${reason}`, () => {
  it("works through require() (CommonJS build)", () => {
    expect(
      runNode(["-e", `const { parseFormula } = require("@mixedmodels/formula");${probe}`]),
    ).toEqual(expected);
  });
  it("works through import (ESM build)", () => {
    const script = `import { parseFormula } from "@mixedmodels/formula";${probe}`;
    expect(runNode(["--input-type=module", "-e", script])).toEqual(expected);
  });
});
