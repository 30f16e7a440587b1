import { describe } from "vitest";
import { linkProperties } from "../../test/link-properties";
import { probitLink } from "./probit";

describe("probitLink", () => {
  linkProperties(probitLink, {
    mu: [1e-12, 1 - 1e-9],
    eta: [-8, 8],
    extremeEta: [-1e308, -40, -8.2, 8.2, 40, 1e308],
  });
});
