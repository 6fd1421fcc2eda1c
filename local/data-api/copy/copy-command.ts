/** How JSON fields map to columns. */
export type JsonMapping = { kind: 'auto'; ignoreCase: boolean } | { kind: 'jsonpaths'; url: string };

/** One compression for every file of the COPY, as Redshift applies it (no detection by suffix). */
export type Compression = 'none' | 'gzip' | 'bzip2' | 'zstd';

/** The data format: JSON, delimited text (the default), CSV, or columnar Parquet. */
export type DataFormat = 'json' | 'text' | 'csv' | 'parquet';

/** A parsed `COPY ... FROM 's3://...' ...` statement (credentials deliberately dropped). */
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
  format: DataFormat;
  /** Field mapping of JSON; left at 'auto' for the other formats. */
  json: JsonMapping;
  compression: Compression;
  /** DELIMITER: one ASCII character; '|' for text and ',' for CSV unless given. */
  delimiter: string;
  /** CSV QUOTE AS character ('"' unless given). */
  quote: string;
  /** NULL AS string: text/CSV read '\\N' as NULL unless given; columnar strings only when given. */
  nullAs?: string;
  escape: boolean;
  removeQuotes: boolean;
  fillRecord: boolean;
  ignoreBlankLines: boolean;
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
    format: 'json',
    json: { kind: 'auto', ignoreCase: false },
    compression: 'none',
    delimiter: '|',
    quote: '"',
    escape: false,
    removeQuotes: false,
    fillRecord: false,
    ignoreBlankLines: false,
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
