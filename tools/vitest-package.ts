import { defineProject } from "vitest/config";

// Tests import sibling packages from their TypeScript source through this export condition,
// so nothing has to be built before the tests run.
const conditions = ["@mixedmodels/source", "module", "node", "import", "default"];

export function packageTestConfig(name: string) {
  return defineProject({
    resolve: { conditions },
    ssr: { resolve: { conditions } },
    test: {
      name,
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      testTimeout: 60_000,
    },
  });
}
