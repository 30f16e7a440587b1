import { describe } from "vitest";
import { linkProperties } from "../../test/link-properties";
import { cauchitLink } from "./cauchit";

describe("cauchitLink", () => {
  linkProperties(cauchitLink, {
    mu: [1e-12, 1 - 1e-9],
    eta: [-1e6, 1e6],
    extremeEta: [-1e308, -1e16, 1e16, 1e308],
  });
});
