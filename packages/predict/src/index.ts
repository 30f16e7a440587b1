export type { FittedMixedModel } from "./fitted-model";
export { type NewLevelPolicy, type PredictOptions, predict } from "./predict";
