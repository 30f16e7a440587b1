// Bundle sizes of the library and the page, and fit times in headless Chromium (the page's
// worker) against Node, for README.md. A measurement, not a test: run it by hand after
// `pnpm build`, on a quiet machine, and copy the table it prints:
//   pnpm exec tsx apps/web/scripts/measure.mjs [runs]   (tsx: it reuses the test's static server)
import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { fit, lmm } from "mixedmodels";
import { insteval, sleepstudy } from "@mixedmodels/datasets";
import puppeteer from "puppeteer-core";
import { serveDirectory } from "../test/static-server.ts";
import { findChromium } from "../test/find-chromium.ts";

const here = new URL("..", import.meta.url).pathname;
const runs = Number(process.argv[2] ?? 5);
const cases = [
  ["sleepstudy", "Reaction ~ 1 + Days + (1 + Days | Subject)", sleepstudy],
  ["insteval", "y ~ 1 + dept * service + (1 | s) + (1 | d)", insteval],
];

async function bundleSize(contents) {
  const result = await build({
    stdin: { contents, resolveDir: here, loader: "js" },
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  return { min: code.length, gzip: gzipSync(code).length };
}

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const sizes = {
  "fit + lmm (the umbrella, tree-shaken)": await bundleSize(
    'import { fit, lmm } from "mixedmodels"; globalThis.o = [fit, lmm];',
  ),
  "the whole umbrella (export *)": await bundleSize('export * from "mixedmodels";'),
  "sleepstudy alone": await bundleSize(
    'import { sleepstudy } from "@mixedmodels/datasets"; globalThis.o = sleepstudy;',
  ),
  "all eleven datasets": await bundleSize('export * from "@mixedmodels/datasets";'),
};
const assets = `${here}dist/assets/`;
for (const file of readdirSync(assets).filter((name) => name.endsWith(".js"))) {
  const code = readFileSync(assets + file);
  sizes[`page: ${file.replace(/-[\w-]{8}\.js$/, ".js")}`] = {
    min: code.length,
    gzip: gzipSync(code).length,
  };
}
console.log("| bundle | minified | gzip |\n| --- | ---: | ---: |");
for (const [name, size] of Object.entries(sizes))
  console.log(`| ${name} | ${kB(size.min)} | ${kB(size.gzip)} |`);

const node = {};
for (const [name, formula, data] of cases) {
  void data.columns; // decode outside the timing, as the page does when the dataset is chosen
  const times = [];
  for (let i = 0; i < (name === "insteval" ? Math.min(runs, 3) : runs); i++) {
    const start = performance.now();
    fit(lmm(formula, data));
    times.push(performance.now() - start);
  }
  node[name] = median(times);
}

// The page, served by vite preview's equivalent, fitting in its worker: the time the worker
// reports around lmm + fit (model construction included, as above).
const chromium = {};
const executablePath = findChromium();
if (executablePath !== undefined) {
  const { url, server } = await serveDirectory(`${here}dist/`);
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox"],
  });
  const page = await browser.newPage();
  await page.goto(url);
  for (const [name] of cases) {
    await page.select("#dataset", name);
    await page.waitForFunction(
      (n) => document.querySelector("#table-label")?.textContent?.startsWith(`${n}:`),
      {},
      name,
    );
    const times = [];
    for (let i = 0; i < (name === "insteval" ? Math.min(runs, 3) : runs); i++) {
      await page.waitForSelector("#fit:not([disabled])");
      await page.evaluate(() => delete document.body.dataset.fitMilliseconds);
      await page.click("#fit");
      await page.waitForFunction(() => document.body.dataset.fitMilliseconds !== undefined, {
        timeout: 300_000,
      });
      times.push(Number(await page.evaluate(() => document.body.dataset.fitMilliseconds)));
    }
    chromium[name] = median(times);
  }
  await browser.close();
  server.close();
}
console.log(
  `\n| fit (median of ${runs}; InstEval of ${Math.min(runs, 3)}) | Node ${process.version} | Chromium (page worker) |\n| --- | ---: | ---: |`,
);
for (const [name] of cases) {
  console.log(
    `| ${name} | ${node[name].toFixed(0)} ms | ${chromium[name]?.toFixed(0) ?? "—"} ms |`,
  );
}
