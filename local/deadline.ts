/**
 * Caps for the local stack's wait loops: every wait that depends on other work finishing has a
 * deadline, and running out of time fails loudly, naming what was still busy.
 */

/** How long the stack, the CLI and the Step Functions API wait for work to finish, by default. */
export const DEFAULT_WAIT_TIMEOUT_MS = 30 * 60_000;

/** A capped wait ran out of time. The message says what was still busy. */
export class WaitTimeoutError extends Error {
  constructor(what: string, timeoutMs: number, busy: string) {
    super(`${what} did not finish within ${formatMs(timeoutMs)}; still busy: ${busy}`);
    this.name = 'WaitTimeoutError';
  }
}

const formatMs = (ms: number): string =>
  ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s` : `${ms} ms`;

/** A point in time a wait must end by, with what to say if it does not. */
export interface Deadline {
  /** Epoch milliseconds. */
  readonly at: number;
  readonly timeoutMs: number;
  readonly what: string;
  /** Throws a WaitTimeoutError naming `busy()` once the deadline has passed. */
  check(busy: () => string): void;
  /** Resolves like `promise`, or rejects with a WaitTimeoutError naming `busy()` at the deadline. */
  race<T>(promise: Promise<T>, busy: () => string): Promise<T>;
}

export function deadline(what: string, timeoutMs: number, now: () => number = Date.now): Deadline {
  if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs))
    throw new RangeError(`${what}: timeout must be a positive number of ms`);
  const at = now() + timeoutMs;
  const fail = (busy: () => string) => new WaitTimeoutError(what, timeoutMs, busy());
  return {
    at,
    timeoutMs,
    what,
    check(busy) {
      if (now() >= at) throw fail(busy);
    },
    race(promise, busy) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(fail(busy)), Math.max(0, at - now()));
        promise.then(
          (value) => {
            clearTimeout(timer);
            resolve(value);
          },
          (error: unknown) => {
            clearTimeout(timer);
            reject(error);
          },
        );
      });
    },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
