import { describe } from "vitest";
import { linkProperties } from "../../test/link-properties";
import { sqrtLink } from "./sqrt";

describe("sqrtLink", () => {
  linkProperties(sqrtLink, {
    mu: [1e-200, 1e300],
    eta: [1e-100, 1e100],
    extremeEta: [1e-150, 1e150],
  });
});
