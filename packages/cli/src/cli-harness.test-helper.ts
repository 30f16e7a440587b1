import type { CliIo } from "./io";
import { main } from "./main";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process with captured output; `stdin` is what `-` reads. */
export async function runCli(argv: readonly string[], stdin = ""): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    readStdin: async () => stdin,
    interactive: false,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
