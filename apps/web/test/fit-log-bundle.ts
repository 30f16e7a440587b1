import { build } from "esbuild";

// Resolved from the umbrella package, whose node_modules hold its workspace dependencies.
const umbrella = new URL("../../../packages/mixedmodels/", import.meta.url).pathname;

/**
 * The umbrella's recorded fit-log check (issue 12) bundled for the browser as one script that
 * leaves `globalThis.fitLogCheck` behind: the same code and fixture the Node test runs, so the
 * page can compare the θ and objective bits of every evaluation with the recording.
 */
export async function fitLogCheckScript(): Promise<string> {
  const entry = `
    import fixture from "./test/fit-log/fixtures/fit-logs.json";
    import { fitLogBits, fitLogCases, fitLogDifferences } from "./test/fit-log/recorded-fit-log";
    globalThis.fitLogCheck = () => ({
      differences: fitLogDifferences(fixture),
      evaluations: fitLogCases.map((c) => [c.name, fitLogBits(c).length]),
    });`;
  const result = await build({
    stdin: { contents: entry, resolveDir: umbrella, loader: "ts" },
    bundle: true,
    platform: "browser",
    format: "iife",
    write: false,
    logLevel: "silent",
    // The workspace packages from their sources, as the Node test resolves them.
    conditions: ["@mixedmodels/source"],
  });
  return result.outputFiles[0].text;
}
