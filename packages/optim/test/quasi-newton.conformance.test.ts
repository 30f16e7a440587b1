import { describeOptimizerConformance } from "@mixedmodels/testkit";
import { quasiNewton } from "../src/index";

describeOptimizerConformance("quasi-newton", () => quasiNewton(), { resultNoise: 1e-11 });
