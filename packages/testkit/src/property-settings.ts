/** The project's fixed fast-check settings: reproducible runs with enough cases to matter. */
export const propertySettings = { seed: 42, numRuns: 200 } as const;
