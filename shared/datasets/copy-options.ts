import type { DatasetFormat } from './types';

/**
 * The COPY data-conversion options a dataset may declare (`copy_options` in dataset.yml), one
 * pattern each. The SQL renderer accepts exactly these in `{{copy_options}}`, so a dataset's
 * options are checked when the catalog is compiled and again when SQL is rendered.
 * Compression options are not here: they follow each file's suffix (`files` in dataset.yml).
 */

/** A quoted argument: no quote or backslash inside, at most 64 characters. */
const ARG = "'[^'\\\\]{0,64}'";

interface OptionRule {
  pattern: string;
  /** Formats the option applies to (Redshift's COPY data conversion parameters reference). */
  formats: ReadonlyArray<DatasetFormat['kind']>;
}

const TEXT: OptionRule['formats'] = ['csv', 'delimited'];
const TEXT_AND_JSON: OptionRule['formats'] = ['csv', 'delimited', 'json'];
const ALL: OptionRule['formats'] = ['csv', 'delimited', 'json', 'parquet'];
/** Parquet takes only ACCEPTINVCHARS, FILLRECORD and STATUPDATE of these ("COPY from columnar data formats"). */
const TEXT_AND_PARQUET: OptionRule['formats'] = ['csv', 'delimited', 'parquet'];

export const COPY_OPTION_RULES: Readonly<Record<string, OptionRule>> = {
  ACCEPTANYDATE: { pattern: 'ACCEPTANYDATE', formats: TEXT_AND_JSON },
  ACCEPTINVCHARS: { pattern: `ACCEPTINVCHARS(?: AS '[^'\\\\]')?`, formats: ALL },
  BLANKSASNULL: { pattern: 'BLANKSASNULL', formats: TEXT_AND_JSON },
  COMPUPDATE: { pattern: 'COMPUPDATE OFF', formats: TEXT_AND_JSON },
  DATEFORMAT: { pattern: `DATEFORMAT ${ARG}`, formats: TEXT_AND_JSON },
  EMPTYASNULL: { pattern: 'EMPTYASNULL', formats: TEXT_AND_JSON },
  ESCAPE: { pattern: 'ESCAPE', formats: ['delimited'] },
  FILLRECORD: { pattern: 'FILLRECORD', formats: TEXT_AND_PARQUET },
  IGNOREBLANKLINES: { pattern: 'IGNOREBLANKLINES', formats: TEXT },
  IGNOREHEADER: { pattern: 'IGNOREHEADER \\d{1,3}', formats: TEXT },
  MAXERROR: { pattern: 'MAXERROR \\d{1,6}', formats: TEXT_AND_JSON },
  NULL: { pattern: `NULL AS ${ARG}`, formats: TEXT },
  REGION: { pattern: "REGION '[a-z]{2}(?:-[a-z]+)+-\\d'", formats: TEXT_AND_JSON },
  REMOVEQUOTES: { pattern: 'REMOVEQUOTES', formats: ['delimited'] },
  ROUNDEC: { pattern: 'ROUNDEC', formats: TEXT_AND_JSON },
  STATUPDATE: { pattern: 'STATUPDATE OFF', formats: ALL },
  TIMEFORMAT: { pattern: `TIMEFORMAT ${ARG}`, formats: TEXT_AND_JSON },
  TRIMBLANKS: { pattern: 'TRIMBLANKS', formats: TEXT },
  TRUNCATECOLUMNS: { pattern: 'TRUNCATECOLUMNS', formats: TEXT_AND_JSON },
};

/** The compression keyword COPY takes for each compression (none: no keyword). */
export const COMPRESSION_OPTIONS: Readonly<Record<string, string>> = { gzip: 'GZIP', bzip2: 'BZIP2', zstd: 'ZSTD' };

/** One alternation of every allowed option and compression keyword (for the SQL renderer's shape). */
export const COPY_OPTION_ALTERNATION = [
  ...Object.values(COPY_OPTION_RULES).map((r) => r.pattern),
  ...Object.values(COMPRESSION_OPTIONS),
].join('|');

/** Why an option is refused for a format, or undefined when it is allowed. */
export function copyOptionProblem(option: string, format: DatasetFormat['kind']): string | undefined {
  const keyword = option.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
  if (Object.values(COMPRESSION_OPTIONS).includes(keyword)) {
    return `${keyword} is chosen per file by the compression of \`files\`, not in copy_options`;
  }
  const rule = COPY_OPTION_RULES[keyword];
  if (!rule) return `unknown COPY option '${option}' (allowed: ${Object.keys(COPY_OPTION_RULES).join(', ')})`;
  if (!new RegExp(`^(?:${rule.pattern})$`).test(option)) {
    return `COPY option '${option}' does not have the form ${rule.pattern.replace(/\\\\/g, '\\')}`;
  }
  if (!rule.formats.includes(format)) return `COPY option ${keyword} does not apply to ${format} files`;
  return undefined;
}
