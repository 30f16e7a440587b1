export type { FittedMixedModel } from "./fitted-model";
export {
  type GeneralizedSimulationOptions,
  generalizedSimulator,
} from "./generalized-simulation";
export {
  type GeneralizedParameters,
  type GeneralizedResponse,
  GeneralizedSimulator,
  type SimulatedFamily,
} from "./generalized-simulator";
export type { OffsetInput } from "./new-data-offset";
export { type NewLevelPolicy, type PredictOptions, predict } from "./predict";
export { refit } from "./refit";
export { type SimulateOptions, simulate } from "./simulate";
export {
  addRandomEffects,
  GaussianSimulator,
  lambdaFactors,
  linearPredictor,
  type SimulationParameters,
} from "./simulate-response";
export {
  modelSimulationDesign,
  newDataSimulationDesign,
  type SimulationDesign,
  type SimulationTerm,
  withExtraOffset,
} from "./simulation-design";
