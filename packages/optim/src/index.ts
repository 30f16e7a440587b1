export type { BobyqaSettings } from "./bobyqa";
export { bobyqa } from "./bobyqa";
