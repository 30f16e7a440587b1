export { exp } from "./exp";
export { expm1 } from "./expm1";
export { log } from "./log";
export { logOfProduct } from "./log-of-product";
export { log1p } from "./log1p";
export { sin, cos } from "./sin-cos";
export { pow } from "./pow";
export { ulpDistance } from "./bits";
