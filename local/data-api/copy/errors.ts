import { CopyFailedError, type LoadErrorRow } from './types';

/**
 * The COPY text itself is wrong (unknown option, bad value, conflicting options). Extends
 * CopyFailedError so execution treats it as any failed COPY, while tests and callers can tell
 * a statement error from a data error.
 */
export class CopySyntaxError extends CopyFailedError {
  constructor(message: string) {
    super(message);
    this.name = 'CopySyntaxError';
  }
}

/** The statement is valid Redshift but uses something the local emulator does not implement. */
export class CopyNotSupportedError extends CopyFailedError {
  constructor(what: string) {
    super(`${what} is not supported by the local emulator`);
    this.name = 'CopyNotSupportedError';
  }
}

/**
 * A source problem that stops the whole COPY (missing manifest, missing mandatory file,
 * corrupt gzip, invalid JSONPaths file): MAXERROR does not apply.
 */
export class CopySourceError extends CopyFailedError {
  constructor(message: string, loadErrors: LoadErrorRow[] = []) {
    super(message, loadErrors);
    this.name = 'CopySourceError';
  }
}
