export type { CliIo } from "./io";
export { main } from "./main";
export type { FitJsonOptions, FitJsonOutput } from "./summary-json";
export { FIT_JSON_VERSION, toFitJson } from "./summary-json";
