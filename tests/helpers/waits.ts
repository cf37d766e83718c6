/** @module Test helper: bounds on waits for events, so a missing event fails instead of hanging. */

/** Rejects with `what` when `promise` has not settled within `ms`: a failure bound, not a sleep. */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}
