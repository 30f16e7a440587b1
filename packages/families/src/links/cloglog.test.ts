import { describe } from "vitest";
import { linkProperties } from "../../test/link-properties";
import { cloglogLink } from "./cloglog";

describe("cloglogLink", () => {
  linkProperties(cloglogLink, {
    mu: [1e-12, 1 - 1e-9],
    eta: [-25, 3],
    extremeEta: [-1e308, -40, 4, 800, 1e308],
  });
});
