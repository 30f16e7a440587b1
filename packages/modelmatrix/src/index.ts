export type {
  FixedEffectsMatrix,
  ModelParts,
  RandomEffectsMatrix,
} from "./types";
