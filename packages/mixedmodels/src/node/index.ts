// `mixedmodels/node`: what needs Node (worker threads, the file system) on top of the umbrella.
export {
  type CsvFileOptions,
  readArrowFile,
  readCsvFile,
  readParquetFile,
} from "@mixedmodels/modelmatrix/node";
export { type FitAsyncOptions, fitAsync } from "./fit-async";
