import { describeOptimizerConformance } from "../src/index";
import { compassSearch } from "./compass-search";

// The suite must accept a correct optimizer written only against the spec.
describeOptimizerConformance("compass search (third-party style)", compassSearch, {
  dimensions: [1, 2, 3],
  quadraticsPerDimension: 2,
});
