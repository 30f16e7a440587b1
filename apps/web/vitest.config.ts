import { packageTestConfig } from "../../tools/vitest-package";

export default packageTestConfig("web");
