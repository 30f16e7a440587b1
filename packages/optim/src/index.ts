export type { BobyqaSettings } from "./bobyqa";
export { bobyqa } from "./bobyqa";
export type { NelderMeadSettings } from "./nelder-mead";
export { nelderMead } from "./nelder-mead";
export type { QuasiNewtonSettings } from "./quasi-newton";
export { quasiNewton } from "./quasi-newton";
