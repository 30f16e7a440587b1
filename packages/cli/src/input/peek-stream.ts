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
 * together with the stream to parse from its start: standard input cannot be read twice, so the
 * header is taken from the chunks that the parser is then given first.
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
  const decoder = new TextDecoder("utf-8");
  let head = "";
  for (const chunk of readAhead) {
    head += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
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
