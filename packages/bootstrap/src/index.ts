export { bootstrapFromJSON, bootstrapToJSON, combineBootstraps } from "./bootstrap-json";
export type {
  BootstrapNames,
  BootstrapParameters,
  BootstrapReplicate,
  BootstrapResult,
  GeneralizedSettings,
} from "./bootstrap-types";
export {
  type BootstrapInterval,
  bootstrapColumns,
  confint,
  equalTailIntervals,
  shortestCoverage,
} from "./intervals";
export { type BootstrapOptions, bootstrapNames, parametricBootstrap } from "./parametric-bootstrap";
