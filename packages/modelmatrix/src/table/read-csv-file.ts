import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { DataTable } from "@mixedmodels/core";
import { type CsvOptions, parseCsvStream } from "./parse-csv";

/** Options of {@link readCsvFile}: those of `parseCsv`, and progress in bytes. */
export interface CsvFileOptions extends CsvOptions {
  /** Called after each chunk (1 MiB) with the bytes read so far and the file's size. */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** Chunks of a MiB: few enough calls, and the progress line moves on files of a few MB. */
const CHUNK_BYTES = 1 << 20;

/**
 * Reads a CSV file (UTF-8) as `parseCsv` reads text, streaming it in chunks so that the file is
 * never held as one string (a file of several GB would not fit in one). Node only: exported from
 * `@mixedmodels/modelmatrix/node`, not from the default entry.
 *
 * @throws the file system's error when the file cannot be read; `DataError` as `parseCsv`.
 */
export async function readCsvFile(path: string, options: CsvFileOptions = {}): Promise<DataTable> {
  const { size } = await stat(path);
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  const { onProgress } = options;
  try {
    return await parseCsvStream(stream as AsyncIterable<Uint8Array>, {
      ...options,
      ...(onProgress === undefined ? {} : { onChunk: (bytes: number) => onProgress(bytes, size) }),
    });
  } finally {
    stream.destroy();
  }
}
