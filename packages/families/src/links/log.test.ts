import { describe } from "vitest";
import { linkProperties } from "../../test/link-properties";
import { logLink } from "./log";

describe("logLink", () => {
  linkProperties(logLink, {
    mu: [1e-15, 1e300],
    eta: [-36, 700],
    extremeEta: [-1e308, -800, 700],
  });
});
