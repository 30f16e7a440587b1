import { describe } from "vitest";
import { linkProperties } from "../../test/link-properties";
import { inverseLink } from "./inverse";

describe("inverseLink", () => {
  linkProperties(inverseLink, {
    mu: [1e-300, 1e300],
    eta: [1e-150, 1e150],
    extremeEta: [-1e300, -1e-150, 1e-150, 1e300],
  });
});
