export { type AnovaRow, type AnovaTable, anova } from "./anova";
export { type CoefficientTests, coeftable, type TestedCoefficient } from "./coeftable";
export {
  type BootstrapConfintOptions,
  type ConfintOptions,
  confint,
  confintBootstrap,
} from "./confint";
export { checkDdfMethod, type DdfMethod } from "./ddf-method";
export { KenwardRoger, type KenwardRogerTest } from "./kenward-roger";
export { type LikelihoodProfile, type ParameterProfile, profile } from "./profile";
export { type RanovaRow, type RanovaTable, ranova } from "./ranova";
export { type ContrastTest, Satterthwaite } from "./satterthwaite";
export { summaryWithTests } from "./summary-tests";
export type { ConfidenceIntervals } from "./wald-intervals";
