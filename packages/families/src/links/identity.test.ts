import { describe } from "vitest";
import { linkProperties } from "../../test/link-properties";
import { identityLink } from "./identity";

describe("identityLink", () => {
  linkProperties(identityLink, {
    mu: [-1e300, 1e300],
    eta: [-1e300, 1e300],
    extremeEta: [-1e308, 1e308],
  });
});
