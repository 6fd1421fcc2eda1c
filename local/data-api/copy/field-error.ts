/**
 * A value that cannot be converted to its column. Thrown by the converters and turned into
 * one stl_load_errors row (with file, line and column) by the loader; the row is skipped.
 */
export class FieldConversionError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    /** Position of the error inside the field value (stl_load_errors.position). */
    readonly position = 0,
  ) {
    super(reason);
    this.name = 'FieldConversionError';
  }
}
