/**
 * Errors of the database engine, and the one safe way to read the message of anything a
 * statement throws (PGlite's errors included).
 */

/** Raised when work is queued on an engine that has been closed. */
export class EngineClosedError extends Error {
  constructor() {
    super('Data API engine is closed');
    this.name = 'EngineClosedError';
  }
}

/**
 * The message of anything thrown. PGlite errors come from another realm when PGlite is loaded
 * by Node's own loader (see pglite-loader.ts), so `instanceof Error` is not a safe test.
 */
export function messageOf(error: unknown): string {
  if (error !== null && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return String(error);
}
