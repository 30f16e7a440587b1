import { describe, expect, it } from "vitest";
import { bundleForBrowser } from "./library-bundle";

// Issue 15: the umbrella bundles for the browser with no Node built-in and no Buffer, so a page
// can `import { fit, lmm } from "mixedmodels"` with any bundler and no shims. modelmatrix's own
// test checks its entry from source; this one takes the whole umbrella (every layer) plus the
// datasets from the built dist, as a user's bundler does. Run `pnpm build` first.
const nodeOnly = [
  /\bBuffer\b/,
  /\bprocess\.(?:env|versions|platform|argv)\b/,
  /from\s*["']node:|require\(\s*["']node:/,
];

describe("the library bundled by esbuild for the browser", () => {
  it("the umbrella, every export kept: no Node built-in, no Buffer", async () => {
    const bundle = await bundleForBrowser('export * from "mixedmodels";');
    expect(bundle.inputs.some((path) => /packages\/models\/dist\//.test(path))).toBe(true);
    expect(bundle.nodeInputs).toEqual([]);
    for (const pattern of nodeOnly) expect(bundle.code).not.toMatch(pattern);
  });

  it("a fit of one embedded dataset: no Node built-in, and no other dataset", async () => {
    const bundle = await bundleForBrowser(
      'import { fit, lmm } from "mixedmodels"; import { sleepstudy } from "@mixedmodels/datasets";\n' +
        'globalThis.out = fit(lmm("Reaction ~ 1 + Days + (1 + Days | Subject)", sleepstudy));',
    );
    expect(bundle.nodeInputs).toEqual([]);
    for (const pattern of nodeOnly) expect(bundle.code).not.toMatch(pattern);
    expect(bundle.code).toContain('name:"sleepstudy"');
    expect(bundle.code).not.toContain('name:"InstEval"');
  });

  it("the check can fail: a Buffer in the program is found", async () => {
    const bundle = await bundleForBrowser("globalThis.out = Buffer.from('x');");
    expect(nodeOnly.some((pattern) => pattern.test(bundle.code))).toBe(true);
  });
});
