export type { CliIo } from "./io";
export { main } from "./main";
export type { FitJsonOutput } from "./summary-json";
export { toFitJson } from "./summary-json";
