// `mixedmodels/node`: what needs Node (worker threads) on top of the umbrella.
export { type FitAsyncOptions, fitAsync } from "./fit-async";
