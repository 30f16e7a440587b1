export { bernoulli, binomial, poisson } from "./discrete";
export { fillNormal, normal } from "./normal";
export { RandomStream, streamAt, streamsFrom } from "./random-stream";
