import { describe } from "vitest";
import { linkProperties } from "../../test/link-properties";
import { inverseSquareLink } from "./inverse-square";

describe("inverseSquareLink", () => {
  linkProperties(inverseSquareLink, {
    mu: [1e-150, 1e150],
    eta: [1e-200, 1e200],
    extremeEta: [1e-200, 1e300],
  });
});
