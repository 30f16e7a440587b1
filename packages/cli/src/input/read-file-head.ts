import { open } from "node:fs/promises";

/** Enough of a file to hold its header line in any table this CLI is asked to fit. */
export const HEAD_BYTES = 64 * 1024;

/**
 * The first bytes of a file as text, to choose the delimiter from its header without reading the
 * whole file (the file itself is then read by the streaming CSV reader).
 */
export async function readFileHead(path: string): Promise<string> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    // A multi-byte character cut at the end only affects the last, unused characters.
    return buffer.subarray(0, bytesRead).toString("utf8");
  } finally {
    await handle.close();
  }
}
