/**
 * Each Lambda function's environment, in one process. On AWS every function runs in its own
 * container whose `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN` are its
 * execution role's credentials and `AWS_LAMBDA_FUNCTION_NAME` its name (Lambda Developer Guide,
 * "Using Lambda environment variables": defined runtime environment variables). Locally all
 * handlers share this process, so each invocation runs inside an AsyncLocalStorage context
 * carrying its function's variables, and `process.env` is overlaid to read them first: the
 * handlers' code (shared/) stays the code that runs on AWS and never sees this module.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** Variables of one function's container; `undefined` hides the process's own value. */
export type EnvironmentOverlay = Readonly<Record<string, string | undefined>>;

const current = new AsyncLocalStorage<EnvironmentOverlay>();
let installed = false;

const overlaid = (key: string | symbol): EnvironmentOverlay | undefined => {
  const overlay = current.getStore();
  return overlay && typeof key === 'string' && Object.hasOwn(overlay, key) ? overlay : undefined;
};

/**
 * Replaces `process.env` by a view that reads the running invocation's variables first. Writes
 * go to the process's environment, as before. Installed once per process (module realm).
 */
export function installEnvironmentOverlay(): void {
  if (installed) return;
  installed = true;
  const base = process.env;
  process.env = new Proxy(base, {
    // Writes go straight to the real environment object: with the proxy as receiver, Node's
    // process.env refuses the partial property descriptor an ordinary [[Set]] would define.
    set: (target, key, value) => Reflect.set(target, key, value),
    deleteProperty: (target, key) => Reflect.deleteProperty(target, key),
    get: (target, key) => {
      const overlay = overlaid(key);
      return overlay ? overlay[key as string] : Reflect.get(target, key);
    },
    has: (target, key) => {
      const overlay = overlaid(key);
      return overlay ? overlay[key as string] !== undefined : Reflect.has(target, key);
    },
    getOwnPropertyDescriptor: (target, key) => {
      const overlay = overlaid(key);
      if (!overlay) return Reflect.getOwnPropertyDescriptor(target, key);
      const value = overlay[key as string];
      return value === undefined ? undefined : { value, writable: true, enumerable: true, configurable: true };
    },
    ownKeys: (target) => {
      const overlay = current.getStore();
      if (!overlay) return Reflect.ownKeys(target);
      const keys = new Set(Reflect.ownKeys(target));
      for (const [k, v] of Object.entries(overlay)) {
        if (v === undefined) keys.delete(k);
        else keys.add(k);
      }
      return [...keys];
    },
  });
}

/** Runs `fn` (and everything it starts) with `overlay` over the process's environment. */
export function withEnvironment<T>(overlay: EnvironmentOverlay | undefined, fn: () => T): T {
  if (!overlay) return fn();
  installEnvironmentOverlay();
  return current.run(overlay, fn);
}
