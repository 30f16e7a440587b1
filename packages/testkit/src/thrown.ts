import { expect } from "vitest";

/**
 * What `run` throws, failing the test when it throws nothing. With `kind`, the test also fails
 * unless the error is an instance of that class, and the result is typed as one; the callers
 * then check the names, rows and positions the error carries.
 */
export function thrown(run: () => unknown): unknown;
export function thrown<E>(run: () => unknown, kind: abstract new (...args: never[]) => E): E;
export function thrown<E>(
  run: () => unknown,
  kind?: abstract new (...args: never[]) => E,
): unknown {
  try {
    run();
  } catch (error) {
    if (kind !== undefined) expect(error).toBeInstanceOf(kind);
    return error;
  }
  throw new Error(kind === undefined ? "expected an error" : `expected a ${kind.name}`);
}
