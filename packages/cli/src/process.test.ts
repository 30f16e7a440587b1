import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// The real binary in a child process: what a closed pipe and an uncaught failure look like to a
// shell user. Runs the TypeScript source through tsx, so nothing has to be built first.
const packageRoot = join(import.meta.dirname, "..");
const nodeArgs = [
  "--conditions=@mixedmodels/source",
  "--import",
  "tsx",
  join(packageRoot, "src/bin.ts"),
];

interface ChildRun {
  code: number | null;
  stderr: string;
}

function runBinary(args: string[], closeStdout: boolean): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, ...args], {
      cwd: packageRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // `| head -c 0`: the reader goes away before the first byte is written.
    if (closeStdout) child.stdout.destroy();
    else child.stdout.resume();
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

/** The binary with `input` piped to its standard input; resolves with its exit code and output. */
function runBinaryWithStdin(args: string[], input: string): Promise<ChildRun & { stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, ...args], {
      cwd: packageRoot,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe("the mixedmodels binary", () => {
  it("fits a CSV piped to its standard input (`fit -`) as lme4 does", async () => {
    const csv = readFileSync(join(packageRoot, "../datasets/data/sleepstudy.csv"), "utf8");
    const run = await runBinaryWithStdin(
      ["fit", "-", "-f", "Reaction ~ 1 + Days + (1 + Days | Subject)", "--json"],
      csv,
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout) as { nobs: number; objective: number };
    expect(output.nobs).toBe(180);
    // lme4's deviance of this model by ML (shared references, sleepstudy_ml).
    expect(output.objective).toBeCloseTo(1751.939344, 5);
  }, 60_000);

  it("exits quietly when the reader closes standard output (EPIPE)", async () => {
    const run = await runBinary(
      [
        "fit",
        "sleepstudy",
        "-f",
        "Reaction ~ 1 + Days + (1 + Days | Subject)",
        "--json",
        "--ranef",
      ],
      true,
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  }, 60_000);

  it("prints one line and no stack trace for a bad formula", async () => {
    const run = await runBinary(["fit", "sleepstudy", "-f", "Reaction ~ (1 |"], false);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
