/** Where the CLI reads and writes; tests pass buffers, the binary passes the process streams. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** All of standard input as UTF-8 text (for the data source `-`). */
  readStdin(): Promise<string>;
  /** Whether stderr is a terminal (a progress indicator is shown only then). */
  readonly interactive: boolean;
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: readProcessStdin,
  interactive: Boolean(process.stderr.isTTY),
};
