/** Where the CLI reads and writes; tests pass buffers, the binary passes the process streams. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Standard input as it arrives, UTF-8 bytes or text (for the data source `-`): it goes through
   * the streaming CSV parser chunk by chunk, never held as one string.
   */
  stdin(): AsyncIterable<Uint8Array | string>;
  /** Whether stderr is a terminal (a progress indicator is shown only then). */
  readonly interactive: boolean;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: () => process.stdin as AsyncIterable<Uint8Array>,
  interactive: Boolean(process.stderr.isTTY),
};
