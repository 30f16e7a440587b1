import { spawn } from "node:child_process";
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

describe("the mixedmodels binary", () => {
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
