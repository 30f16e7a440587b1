import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { codeBlocks, shellWords } from "./doc-blocks";

// Every code block of the README, docs/ and the package READMEs runs: TypeScript blocks as
// modules (through tsx, on the packages' sources), command lines of the CLI as commands. Setup
// commands (installs, builds, the test and bench runs) are what CI itself runs, so they are not
// run again here; a plain ``` block is printed output, checked where it follows a program.
const root = resolve(import.meta.dirname, "../../..");
const packageDir = resolve(import.meta.dirname, "..");
const documents = [
  "README.md",
  ...readdirSync(join(root, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
  "packages/mixedmodels/README.md",
  "packages/cli/README.md",
  "packages/core/README.md",
  "packages/datasets/README.md",
];
const tsx = ["--conditions=@mixedmodels/source", "--import", "tsx"];
const setupCommand = /^(npm|npx|pnpm |node |cd |#|$)/;
const blocksDir = join(packageDir, "test", ".doc-blocks");
mkdirSync(blocksDir, { recursive: true });

// The CLI examples' `data.csv` (y, x, g): sleepstudy's Reaction, Days and Subject renamed. Under
// the package, so that `--import tsx` resolves from there.
const scratch = blocksDir;
const sleepstudyCsv = readFileSync(join(root, "packages/datasets/data/sleepstudy.csv"), "utf8");
writeFileSync(
  join(scratch, "data.csv"),
  sleepstudyCsv.replace('"Reaction","Days","Subject"', '"y","x","g"'),
);

function runNode(args: string[], cwd: string) {
  return spawnSync(process.execPath, args, { cwd, encoding: "utf8", timeout: 120_000 });
}

for (const document of documents) {
  const blocks = codeBlocks(join(root, document));
  if (
    !blocks.some(
      (block) =>
        block.language === "ts" ||
        block.language === "js" ||
        (block.language === "sh" && /(^|\n)(pnpm exec )?mixedmodels /.test(block.code)),
    )
  ) {
    continue;
  }
  describe(document, () => {
    blocks.forEach((block, index) => {
      // A worker thread cannot load tsx under a tsx parent: blocks of `mixedmodels/node` run
      // from the built tarballs in tools/release/install-check.mjs (CI) and in fit-async.test.ts.
      if (
        (block.language === "ts" || block.language === "js") &&
        block.code.includes('"mixedmodels/node"')
      ) {
        it.skip(`the ${block.language} block at line ${block.line} runs in the release check`, () => {});
      } else if (block.language === "ts" || block.language === "js") {
        it(`runs the ${block.language} block at line ${block.line}`, () => {
          const file = join(blocksDir, `${document.replaceAll("/", "_")}-${block.line}.mts`);
          writeFileSync(file, `${block.code}\n`);
          const run = runNode([...tsx, file], packageDir);
          expect(run.stderr).not.toMatch(/Error/);
          expect(run.status, run.stderr).toBe(0);
          // A plain block right after a program is its printed output.
          const next = blocks[index + 1];
          if (next !== undefined && next.language === "" && block.code.includes("toString()")) {
            expect(run.stdout).toContain(next.code.trim());
          }
        }, 180_000);
      } else if (block.language === "sh") {
        const commands = block.code
          .split("\n")
          .map((line) => line.trim())
          .filter((line) => !setupCommand.test(line) || /^(pnpm exec )?mixedmodels /.test(line));
        for (const command of commands) {
          it(`runs \`${command}\` (line ${block.line})`, () => {
            const words = shellWords(command.replace(/^pnpm exec /, ""));
            expect(words[0]).toBe("mixedmodels");
            const bin = join(root, "packages/cli/src/bin.ts");
            const run = runNode([...tsx, bin, ...words.slice(1)], scratch);
            expect(run.stderr).toBe("");
            expect(run.status).toBe(0);
            expect(run.stdout.length).toBeGreaterThan(0);
          }, 180_000);
        }
      }
    });
  });
}

describe("the documents", () => {
  it("have code blocks to run", () => {
    const total = documents.flatMap((document) => codeBlocks(join(root, document)));
    expect(total.filter((block) => block.language === "ts").length).toBeGreaterThanOrEqual(5);
    expect(relative(root, blocksDir)).toBe("packages/mixedmodels/test/.doc-blocks");
  });
});
