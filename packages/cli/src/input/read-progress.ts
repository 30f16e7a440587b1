import type { CliIo } from "../io";

/** Files from this size on get a progress line while they are read (a few MB take a moment). */
export const READ_PROGRESS_MIN_BYTES = 4 * 1024 * 1024;

export interface ReadProgress {
  /** Bytes read so far and the file's size, per chunk the parser takes. */
  readonly onProgress: ((bytesRead: number, totalBytes: number) => void) | undefined;
  /** Clears the line, if one was drawn. */
  done(): void;
}

const megabytes = (bytes: number) => (bytes / 1e6).toFixed(1);

/**
 * A one-line "reading" status on stderr, redrawn at most every 100 ms, for a file of at least
 * `READ_PROGRESS_MIN_BYTES` when stderr is a terminal; nothing otherwise, so pipes and logs stay
 * clean.
 */
export function createReadProgress(io: CliIo, label: string, size: number): ReadProgress {
  if (!io.interactive || size < READ_PROGRESS_MIN_BYTES) {
    return { onProgress: undefined, done: () => {} };
  }
  let shown = false;
  let lastDraw = Number.NEGATIVE_INFINITY;
  return {
    onProgress(bytesRead, totalBytes) {
      const now = performance.now();
      if (now - lastDraw < 100 && bytesRead < totalBytes) return;
      lastDraw = now;
      shown = true;
      const percent = Math.min(100, Math.floor((100 * bytesRead) / Math.max(totalBytes, 1)));
      io.stderr(
        `\r  reading ${label}: ${percent}% (${megabytes(bytesRead)} of ${megabytes(totalBytes)} MB)   `,
      );
    },
    done() {
      if (shown) io.stderr("\r\x1b[K");
    },
  };
}
