/** The project's fast-check settings: enough cases to matter; the seed is the run's (tools/vitest-package.ts). */
export const propertySettings = { numRuns: 200 } as const;
