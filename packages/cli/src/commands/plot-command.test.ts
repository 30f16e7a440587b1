import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sleepstudy } from "@mixedmodels/datasets";
import { caterpillarSpec, fit, lmm } from "mixedmodels";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli-harness.test-helper";

const formula = "Reaction ~ 1 + Days + (1 + Days | Subject)";

/** The text of every `<text>` element inside the SVG groups of the given vega role. */
function roleTexts(svg: string, role: string): string[] {
  const texts: string[] = [];
  for (const group of svg.matchAll(
    new RegExp(`<g class="mark-text role-${role}[^"]*"[^>]*>(.*?)</g>`, "gs"),
  )) {
    for (const text of group[1].matchAll(/<text[^>]*>([^<]*)<\/text>/g)) texts.push(text[1]);
  }
  return texts;
}

/** Number of drawn points: `<path>` elements in the symbol marks. */
function symbolCount(svg: string): number {
  let count = 0;
  for (const group of svg.matchAll(/<g class="mark-symbol role-mark[^"]*"[^>]*>(.*?)<\/g>/gs)) {
    count += group[1].match(/<path /g)?.length ?? 0;
  }
  return count;
}

describe("mixedmodels plot", () => {
  it("caterpillar: an SVG with a row per subject, a point per subject and term", async () => {
    const run = await runCli(["plot", "caterpillar", "sleepstudy", "-f", formula]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const labels = roleTexts(run.stdout, "axis-label");
    const subjects = new Set(
      sleepstudy.columns.Subject.kind === "categorical" ? sleepstudy.columns.Subject.levels : [],
    );
    expect(labels.filter((label) => subjects.has(label))).toHaveLength(18);
    expect(symbolCount(run.stdout)).toBe(36);
    expect(run.stdout).toContain("Conditional modes by Subject (95% intervals)");
  });

  it("-o plot.json writes the report layer's Vega-Lite spec of the same fit", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "mm-plot-")), "ranef.json");
    const run = await runCli([
      "plot",
      "caterpillar",
      "sleepstudy",
      "-f",
      formula,
      "--level",
      "0.9",
      "-o",
      out,
    ]);
    expect(run.code).toBe(0);
    const expected = caterpillarSpec(fit(lmm(formula, sleepstudy)), { level: 0.9 });
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it("qq and residuals: a point per level and per observation", async () => {
    const qq = await runCli([
      "plot",
      "qq",
      "penicillin",
      "-f",
      "diameter ~ 1 + (1 | plate) + (1 | sample)",
      "--group",
      "sample",
    ]);
    expect(qq.code).toBe(0);
    expect(symbolCount(qq.stdout)).toBe(6);
    const out = join(mkdtempSync(join(tmpdir(), "mm-plot-")), "residuals.svg");
    const residuals = await runCli(["plot", "residuals", "sleepstudy", "-f", formula, "-o", out]);
    expect(residuals.code).toBe(0);
    expect(symbolCount(readFileSync(out, "utf8"))).toBe(180);
  });

  it("plots a GLMM too: cbpp's 15 herds with --family binomial", async () => {
    const run = await runCli([
      "plot",
      "caterpillar",
      "cbpp",
      "-f",
      "incidence / size ~ 1 + period + (1 | herd)",
      "--family",
      "binomial",
      "--weights",
      "size",
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(symbolCount(run.stdout)).toBe(15);
    expect(run.stdout).toContain("Conditional modes by herd");
  });

  it("says what is wrong on the command line (exit 2) and with the model (exit 1)", async () => {
    const kind = await runCli(["plot", "histogram", "sleepstudy", "-f", formula]);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toMatch(/caterpillar, qq, residuals, not 'histogram'/);
    const extension = await runCli(["plot", "qq", "sleepstudy", "-f", formula, "-o", "x.png"]);
    expect(extension.code).toBe(2);
    expect(extension.stderr).toMatch(/\.svg or \.json/);
    const group = await runCli(["plot", "qq", "sleepstudy", "-f", formula, "--group", "Days"]);
    expect(group.code).toBe(1);
    expect(group.stderr).toMatch(/no grouping factor 'Days'; the model has 'Subject'/);
    const help = await runCli(["plot", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/caterpillar {2}conditional modes/);
  });
});
