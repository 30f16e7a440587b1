import { describeOptimizerConformance } from "@mixedmodels/testkit";
import { bobyqa } from "../src/index";

describeOptimizerConformance("bobyqa", () => bobyqa());
describeOptimizerConformance("bobyqa with npt = (n+1)(n+2)/2", () =>
  bobyqa({ npt: (n) => ((n + 1) * (n + 2)) / 2 }),
);
describeOptimizerConformance("bobyqa with npt = n + 2", () => bobyqa({ npt: (n) => n + 2 }));
