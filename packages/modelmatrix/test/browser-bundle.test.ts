import { builtinModules } from "node:module";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

// The default entry must bundle for a browser as is: no Node built-in reachable from it (the file
// reader lives on the `./node` subpath) and no `Buffer`, which browsers do not have.
describe("the modelmatrix entry bundled by esbuild for the browser", () => {
  it("has no Node built-in and no Buffer", async () => {
    const result = await build({
      entryPoints: [new URL("../src/index.ts", import.meta.url).pathname],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      metafile: true,
      logLevel: "silent",
      // Sibling packages from their TypeScript sources, as the tests resolve them.
      conditions: ["@mixedmodels/source"],
    });
    const inputs = Object.keys(result.metafile.inputs);
    // Paths are relative to the working directory (the package's or the repository's).
    expect(inputs.some((path) => /(?:^|\/)core\/src\//.test(path))).toBe(true);
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    expect(inputs.filter((path) => builtins.has(path) || path.startsWith("node:"))).toEqual([]);
    const code = result.outputFiles[0].text;
    expect(code).not.toMatch(/\bBuffer\b/);
    expect(code).not.toMatch(/\bprocess\.(?:env|versions|platform)\b/);
    expect(code).not.toMatch(/from\s*["']node:|require\(\s*["']node:/);
  });

  it("fails on a Node built-in, so the check above can fail", async () => {
    // A stand-in entry that reaches node:fs the way readCsvFile does.
    const run = build({
      stdin: { contents: 'export const read = () => import("node:fs/promises");', loader: "ts" },
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
    });
    await expect(run).rejects.toThrow(/node:fs\/promises/);
  });
});
