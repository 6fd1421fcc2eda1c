/**
 * aws-local-stepfunctions 3 declares Node >= 22 because it calls `Promise.withResolvers`
 * (ES2024) inside every Task state. Node 20 lacks it, so this module installs a spec-compatible
 * fallback. Import it before the library; it does nothing where the runtime already has one.
 */

interface Resolvers<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}

type PromiseCtorWithResolvers = PromiseConstructor & { withResolvers?: <T>() => Resolvers<T> };

/** Installs `Promise.withResolvers` when missing. Idempotent; returns true when it installed it. */
export function installPromiseWithResolvers(): boolean {
  const ctor = Promise as PromiseCtorWithResolvers;
  if (typeof ctor.withResolvers === 'function') return false;
  Object.defineProperty(ctor, 'withResolvers', {
    configurable: true,
    writable: true,
    enumerable: false,
    value: function withResolvers<T>(): Resolvers<T> {
      let resolve!: Resolvers<T>['resolve'];
      let reject!: Resolvers<T>['reject'];
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
  return true;
}

installPromiseWithResolvers();
