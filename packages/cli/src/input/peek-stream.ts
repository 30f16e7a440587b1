/** Enough of a stream to hold its header line in any table this CLI is asked to fit. */
export const HEAD_BYTES = 64 * 1024;

/** The start of a stream, read ahead, and the whole stream still to be read once. */
export interface PeekedStream {
  /** The first `headBytes` (or all, if fewer) as text: enough to choose the delimiter. */
  readonly head: string;
  /** Whether `head` is the whole stream. */
  readonly complete: boolean;
  /** Every chunk from the first: those read ahead, then the rest as it arrives. */
  readonly chunks: AsyncIterable<Uint8Array | string>;
}

/**
 * Reads chunks of a stream until `headBytes` have arrived (or it ends) and returns them as text
 * together with the stream to parse from its start: standard input or a pipe cannot be read
 * twice, and a file need not be, so the header is taken from the chunks that the parser is then
 * given first.
 */
export async function peekStream(
  source: AsyncIterable<Uint8Array | string>,
  headBytes: number,
): Promise<PeekedStream> {
  const iterator = source[Symbol.asyncIterator]();
  const readAhead: (Uint8Array | string)[] = [];
  let size = 0;
  let complete = false;
  while (size < headBytes) {
    const next = await iterator.next();
    if (next.done === true) {
      complete = true;
      break;
    }
    readAhead.push(next.value);
    size += next.value.length;
  }
  // Only the first `headBytes` are decoded here (a file's first chunk may be a MiB): the parser
  // decodes every chunk itself.
  const decoder = new TextDecoder("utf-8");
  let head = "";
  let decoded = 0;
  for (const chunk of readAhead) {
    const part = chunk.slice(0, headBytes - decoded);
    decoded += part.length;
    head += typeof part === "string" ? part : decoder.decode(part, { stream: true });
    if (decoded >= headBytes) break;
  }
  // A character cut at the end of an incomplete head only affects the last, unused characters.
  if (complete) head += decoder.decode();
  async function* chunks(): AsyncGenerator<Uint8Array | string> {
    // shift(): each read-ahead chunk can be collected once the parser has it.
    for (let chunk = readAhead.shift(); chunk !== undefined; chunk = readAhead.shift()) yield chunk;
    if (complete) return;
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
      yield next.value;
    }
  }
  return { head, complete, chunks: chunks() };
}
