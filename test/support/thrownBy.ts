import { expect } from "vitest";

/** The error `run` throws; fails the test when it returns normally. */
export function thrownBy(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error, but none was thrown");
}

/** The message of the error `run` throws, which must be an instance of `kind`. */
export function messageThrownBy(
  run: () => unknown,
  kind: abstract new (...args: never[]) => Error,
): string {
  const error = thrownBy(run);
  expect(error).toBeInstanceOf(kind);
  return error.message;
}
