// `@mixedmodels/modelmatrix/node`: what needs Node's file system. The default entry never imports
// this file, so bundling the package for a browser reaches no Node built-in.
export { readCsvFile } from "./table/read-csv-file";
