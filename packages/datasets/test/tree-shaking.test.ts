import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { datasetInfo, datasetNames } from "../src/index";

// Issue 15: importing one dataset must cost that dataset, not all eleven (783 kB minified before).
// The bundle is made from the built dist/index.js, what a user installs: tsup bundles the package
// into one module, so tree-shaking depends on every top-level statement of that module being free
// of side effects, which the source's module boundaries would hide (bundled from src, the sizes
// were always small). Run `pnpm build` before this test (CI does).
const packageRoot = new URL("..", import.meta.url).pathname;
const builtEntry = new URL("../dist/index.js", import.meta.url).pathname;

async function bundleBrowserEntry(contents: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: packageRoot, loader: "js" },
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    write: false,
    logLevel: "silent",
    // The default conditions only, not the monorepo's source condition: the shipped build.
    alias: { "@mixedmodels/datasets": builtEntry },
  });
  return result.outputFiles[0].text;
}

// The encoded header every dataset carries, e.g. `name:"InstEval",source:"R package lme4"`.
function datasetMarker(name: (typeof datasetNames)[number]): string {
  return `name:"${datasetInfo(name).rName}",source:`;
}

describe("datasets tree-shake in a browser bundle", () => {
  it("has a built dist to bundle", () => {
    expect(existsSync(builtEntry), `${builtEntry} missing: run pnpm build first`).toBe(true);
  });

  it("importing sleepstudy bundles sleepstudy alone, under 20 kB gzip", async () => {
    const code = await bundleBrowserEntry(
      'import { sleepstudy } from "@mixedmodels/datasets"; globalThis.out = sleepstudy.columns;',
    );
    const gzip = gzipSync(code).length;
    expect(gzip).toBeLessThan(20_000);
    expect(code).toContain(datasetMarker("sleepstudy"));
    for (const name of datasetNames.filter((n) => n !== "sleepstudy")) {
      expect(code, `bundle holds ${name}`).not.toContain(datasetMarker(name));
    }
    // The descriptions of the other datasets (datasetInfo's table) go too.
    expect(code).not.toMatch(/Lecture evaluations|Breaking angle|Contagious bovine/);
  });

  it("the marker is there to find: the registry brings every dataset in", async () => {
    // loadDataset selects by a runtime string, so it must keep them all; this checks that the
    // absence above is tree-shaking and not a marker that never matches.
    const code = await bundleBrowserEntry(
      'import { loadDataset } from "@mixedmodels/datasets"; globalThis.out = loadDataset("x");',
    );
    for (const name of datasetNames) expect(code).toContain(datasetMarker(name));
    expect(gzipSync(code).length).toBeGreaterThan(150_000);
  });

  it("the built entry is the one this test bundles", () => {
    // Guards the alias: the file exports every dataset by name.
    const text = readFileSync(builtEntry, "utf8");
    for (const name of datasetNames) expect(text).toMatch(new RegExp(`\\b${name}\\b`));
  });
});
