import type { CliIo } from "./io";
import { main } from "./main";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI in this process with captured output; `stdin` is what `-` reads (text, or the
 * chunks a pipe would deliver); `interactive` makes stderr a terminal (progress lines are drawn
 * only then).
 */
export async function runCli(
  argv: readonly string[],
  stdin: string | Iterable<Uint8Array> = "",
  interactive = false,
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stdin: async function* () {
      if (typeof stdin === "string") yield new TextEncoder().encode(stdin);
      else yield* stdin;
    },
    interactive,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
