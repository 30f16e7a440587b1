// `@mixedmodels/modelmatrix/node`: what needs Node's file system. The default entry never imports
// this file, so bundling the package for a browser reaches no Node built-in.
export { readArrowFile, readParquetFile } from "./table/read-columnar-file";
export { type CsvFileOptions, readCsvFile } from "./table/read-csv-file";
