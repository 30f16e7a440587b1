import { builtinModules } from "node:module";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const here = new URL("..", import.meta.url).pathname;
const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

export interface BrowserBundle {
  readonly code: string;
  readonly minified: number;
  readonly gzip: number;
  /** Inputs that are Node built-ins (or node: specifiers): must be none. */
  readonly nodeInputs: readonly string[];
  readonly inputs: readonly string[];
}

/**
 * `contents` bundled by esbuild as a browser program (minified ESM), from the packages' built
 * dist files, what a user's bundler sees after `npm install mixedmodels`.
 */
export async function bundleForBrowser(contents: string): Promise<BrowserBundle> {
  const result = await build({
    stdin: { contents, resolveDir: here, loader: "js" },
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].text;
  const inputs = Object.keys(result.metafile.inputs);
  return {
    code,
    minified: Buffer.byteLength(code),
    gzip: gzipSync(code).length,
    nodeInputs: inputs.filter((path) => builtins.has(path) || path.startsWith("node:")),
    inputs,
  };
}
