import { strykerPackageConfig } from "../../tools/stryker-package.mjs";

export default strykerPackageConfig();
