import { describeOptimizerConformance } from "@mixedmodels/testkit";
import { nelderMead } from "../src/index";

describeOptimizerConformance("nelder-mead", () => nelderMead());
