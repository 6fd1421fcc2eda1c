/** How JSON fields map to columns. */
export type JsonMapping = { kind: 'auto'; ignoreCase: boolean } | { kind: 'jsonpaths'; url: string };

export type Compression = 'none' | 'gzip';

/** A parsed `COPY ... FROM 's3://...' ... JSON` statement (credentials deliberately dropped). */
export interface CopyCommand {
  /** Schema name (lowercased unless quoted), or undefined for the search path. */
  schema?: string;
  /** Table name (lowercased unless quoted). */
  table: string;
  /** Explicit column list, or undefined to load every column of the table. */
  columns?: string[];
  /** s3://bucket/prefix, or the manifest object when `manifest` is true. */
  from: string;
  manifest: boolean;
  region?: string;
  json: JsonMapping;
  compression: Compression;
  /** TIMEFORMAT: 'auto' | 'epochsecs' | 'epochmillisecs' | a format; undefined = default. */
  timeFormat?: string;
  /** DATEFORMAT: 'auto' | a format; undefined = default. */
  dateFormat?: string;
  maxError: number;
  ignoreAllErrors: boolean;
  truncateColumns: boolean;
  blanksAsNull: boolean;
  emptyAsNull: boolean;
  /** Replacement character for invalid UTF-8, or undefined when ACCEPTINVCHARS is absent. */
  acceptInvChars?: string;
  acceptAnyDate: boolean;
  roundDec: boolean;
  trimBlanks: boolean;
  explicitIds: boolean;
  ignoreHeader: number;
  noLoad: boolean;
}

/** Redshift's hard limit for MAXERROR; larger values are clamped, as Redshift does. */
export const MAXERROR_LIMIT = 100000;

export function defaultCopyCommand(table: string, from: string): CopyCommand {
  return {
    table,
    from,
    manifest: false,
    json: { kind: 'auto', ignoreCase: false },
    compression: 'none',
    maxError: 0,
    ignoreAllErrors: false,
    truncateColumns: false,
    blanksAsNull: false,
    emptyAsNull: false,
    acceptAnyDate: false,
    roundDec: false,
    trimBlanks: false,
    explicitIds: false,
    ignoreHeader: 0,
    noLoad: false,
  };
}
