export type { FittedMixedModel } from "./fitted-model";
export { type NewLevelPolicy, type PredictOptions, predict } from "./predict";
export { refit } from "./refit";
export { type SimulateOptions, simulate } from "./simulate";
export {
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
} from "./simulation-design";
