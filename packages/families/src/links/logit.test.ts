import { describe } from "vitest";
import { linkProperties } from "../../test/link-properties";
import { logitLink } from "./logit";

describe("logitLink", () => {
  linkProperties(logitLink, {
    mu: [1e-12, 1 - 1e-9],
    eta: [-25, 25],
    extremeEta: [-1e308, -800, -31, 31, 800, 1e308],
  });
});
