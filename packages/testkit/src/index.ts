export type {
  ConditionedSpdMatrix,
  ConditionedSpdOptions,
  SpectrumShape,
} from "./arbitraries/conditioned-spd-matrix";
export { buildConditionedSpd, conditionedSpdMatrix } from "./arbitraries/conditioned-spd-matrix";
export { spdMatrix } from "./arbitraries/spd-matrix";
export type { OptimizerConformanceOptions } from "./optimizer-conformance";
export { describeOptimizerConformance } from "./optimizer-conformance";
export { propertySettings } from "./property-settings";
export type {
  FTableLike,
  FTableReference,
  RanovaTableLike,
  RanovaTableReference,
  TTableLike,
  TTableReference,
} from "./reference-tables";
export { expectFTable, expectRanovaTable, expectTTable } from "./reference-tables";
export { mulberry32 } from "./seeded-uniforms";
export { thrown } from "./thrown";
export type { Tolerance } from "./tolerance";
export { expectClose, relativeError } from "./tolerance";
