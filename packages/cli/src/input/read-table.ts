import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { datasetNames, loadDataset } from "@mixedmodels/datasets";
import {
  DataError,
  type DataTable,
  MixedModelsError,
  parseCsvStream,
  type TableOptions,
  toDataTable,
} from "mixedmodels";
import { readArrowFile, readParquetFile } from "mixedmodels/node";
import type { CliIo } from "../io";
import { UsageError } from "../usage-error";
import { describeFsError } from "./dataset-schema";
import { chooseDelimiter, type DelimiterChoice, delimiterName } from "./detect-delimiter";
import { HEAD_BYTES, peekStream } from "./peek-stream";
import { createReadProgress } from "./read-progress";

/** Chunks of a MiB: few enough reads, and the progress line moves on files of a few MB. */
const FILE_CHUNK_BYTES = 1 << 20;

/** Where the data came from, for messages that name it. */
export interface LoadedTable {
  readonly table: DataTable;
  /** `'data.csv'`, `standard input` or `the dataset 'sleepstudy'`. */
  readonly label: string;
  /** Null for embedded datasets. */
  readonly delimiter: DelimiterChoice | null;
}

export interface TableSourceOptions {
  readonly delimiter: string | undefined;
  readonly categorical: readonly string[];
  readonly levels: Readonly<Record<string, readonly string[]>>;
}

/**
 * Reads `source`: `-` is standard input, an existing path a delimited text file, otherwise the
 * name of an embedded dataset. Every failure names the source and what is wrong with it.
 */
export async function loadTable(
  source: string,
  options: TableSourceOptions,
  io: CliIo,
): Promise<LoadedTable> {
  if (source === "-") {
    return readStdinTable(io, options);
  }
  const info = await stat(source).catch(() => null);
  if (info === null) {
    const datasetName = source.toLowerCase();
    if ((datasetNames as readonly string[]).includes(datasetName)) {
      const table = loadDataset(datasetName as (typeof datasetNames)[number]);
      return {
        table: toDataTable(table, { categorical: options.categorical, levels: options.levels }),
        label: `the dataset '${datasetName}'`,
        delimiter: null,
      };
    }
    throw new UsageError(
      `no file '${source}' and no embedded dataset of that name (datasets: ${datasetNames.join(", ")})`,
    );
  }
  if (info.isDirectory()) {
    throw new UsageError(`'${source}' is a directory; fit needs a CSV file or a dataset name`);
  }
  // A named pipe or `<(command)` has size 0 but data: only a regular file is known to be empty.
  if (info.isFile() && info.size === 0) {
    throw new DataError(`'${source}' is empty (0 bytes): a CSV file needs a header row and data`);
  }
  const label = `'${source}'`;
  const columnar = columnarReader(source);
  if (columnar !== null) {
    const read = () =>
      columnar(source, { categorical: options.categorical, levels: options.levels });
    try {
      return { table: await namingFsErrors(source, read), label, delimiter: null };
    } catch (error) {
      if (!(error instanceof DataError) || error.message.includes(label)) throw error;
      throw new DataError(`reading ${label}: ${error.message}`, {
        column: error.column,
        row: error.row,
      });
    }
  }
  // The file is streamed once, never held whole: its first chunks choose the delimiter and are
  // then parsed first, as for standard input. On a terminal, large files show a progress line.
  const progress = createReadProgress(io, label, info.size);
  const { onProgress } = progress;
  const stream = createReadStream(source, { highWaterMark: FILE_CHUNK_BYTES });
  try {
    return await namingFsErrors(source, () =>
      readCsvChunks(
        label,
        stream as AsyncIterable<Uint8Array>,
        options,
        onProgress === undefined ? undefined : (bytes) => onProgress(bytes, info.size),
      ),
    );
  } finally {
    stream.destroy();
    progress.done();
  }
}

type ColumnarReader = (path: string, options: TableOptions) => Promise<DataTable>;

/** Arrow IPC (`.arrow`, `.feather`, `.arrows`, `.ipc`) and Parquet files go by their extension. */
function columnarReader(path: string): ColumnarReader | null {
  const extension = /\.([A-Za-z]+)$/.exec(path)?.[1]?.toLowerCase();
  if (extension === "parquet") return readParquetFile;
  if (
    extension === "arrow" ||
    extension === "feather" ||
    extension === "arrows" ||
    extension === "ipc"
  ) {
    return readArrowFile;
  }
  return null;
}

/** A reader's file-system error as a DataError naming the file; its own errors pass as they are. */
async function namingFsErrors<T>(source: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof MixedModelsError) throw error;
    throw new DataError(`cannot read '${source}': ${describeFsError(error)}`);
  }
}

function csvOptions(delimiter: DelimiterChoice, options: TableSourceOptions) {
  return {
    delimiter: delimiter.delimiter,
    categorical: options.categorical,
    levels: options.levels,
  };
}

/** Standard input through the same streaming parser as a file. */
function readStdinTable(io: CliIo, options: TableSourceOptions): Promise<LoadedTable> {
  return readCsvChunks("standard input", io.stdin(), options, undefined);
}

/**
 * Delimited text arriving in chunks (a file's stream, standard input), read once: the first
 * `HEAD_BYTES` are read ahead to choose the delimiter from the header and then handed to the
 * streaming parser first, with the rest as it arrives.
 */
async function readCsvChunks(
  label: string,
  source: AsyncIterable<Uint8Array | string>,
  options: TableSourceOptions,
  onChunk: ((amountRead: number) => void) | undefined,
): Promise<LoadedTable> {
  const { head, complete, chunks } = await peekStream(source, HEAD_BYTES);
  if (complete && head.trim().length === 0) {
    throw new DataError(`${label} is empty: a CSV file needs a header row and data`);
  }
  const delimiter = chooseDelimiter(head, options.delimiter);
  return withDelimiterHint(label, delimiter, () =>
    parseCsvStream(chunks, {
      ...csvOptions(delimiter, options),
      ...(onChunk === undefined ? {} : { onChunk }),
    }),
  );
}

/**
 * Reads the table, naming the source in a DataError and, when the header also contains another
 * candidate delimiter, suggesting it (a column "missing" is then most often a wrong delimiter).
 */
async function withDelimiterHint(
  label: string,
  delimiter: DelimiterChoice,
  read: () => Promise<DataTable>,
): Promise<LoadedTable> {
  try {
    return { table: await read(), label, delimiter };
  } catch (error) {
    if (error instanceof DataError) {
      const other = delimiter.alsoInHeader[0];
      const hint =
        other === undefined
          ? ""
          : `\nnote: read with the delimiter ${delimiterName(delimiter.delimiter)}; the header also contains ${delimiterName(other)}: try --delimiter '${other === "\t" ? "\\t" : other}'`;
      throw new DataError(`reading ${label}: ${error.message}${hint}`, {
        column: error.column,
        row: error.row,
      });
    }
    throw error;
  }
}
