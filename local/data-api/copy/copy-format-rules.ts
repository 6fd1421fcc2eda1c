import type { CopyCommand } from './copy-command';
import { CopySyntaxError } from './errors';

/**
 * Options Redshift refuses with each text format ("COPY: Data format parameters",
 * https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-format.html).
 */
const FORBIDDEN: Record<Exclude<CopyCommand['format'], 'parquet'>, string[]> = {
  json: ['DELIMITER', 'ESCAPE', 'FILLRECORD', 'IGNOREBLANKLINES', 'NULL', 'REMOVEQUOTES'],
  csv: ['ESCAPE', 'REMOVEQUOTES'],
  text: [],
};

/**
 * Columnar formats take only a listed few parameters ("COPY from columnar data formats",
 * https://docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-copy-from-columnar.html: "Only
 * the following COPY parameters are supported": ACCEPTINVCHARS, FILLRECORD, FROM, IAM_ROLE,
 * CREDENTIALS, STATUPDATE, MANIFEST, EXPLICIT_IDS). The page names REGION, ACCEPTANYDATE and
 * MAXERROR as unsupported outright; every other option (conversions, compression, delimiters)
 * is refused the same way.
 */
const COLUMNAR_ALLOWED = new Set([
  'PARQUET',
  'ACCEPTINVCHARS',
  'FILLRECORD',
  'IAM_ROLE',
  'CREDENTIALS',
  'ACCESS_KEY_ID',
  'SECRET_ACCESS_KEY',
  'SESSION_TOKEN',
  'STATUPDATE',
  'MANIFEST',
  'EXPLICIT_IDS',
]);

/**
 * Check the options against the format (`seen` holds the option keywords as written) and the
 * shape of DELIMITER and QUOTE. @throws CopySyntaxError naming the option and the format
 */
export function checkFormatRules(cmd: CopyCommand, seen: string[]): void {
  const label = cmd.format.toUpperCase();
  if (cmd.format === 'parquet') {
    // `compression` is the parser's own marker; the keyword (GZIP, ...) follows it in `seen`.
    const refused = seen.find((kw) => kw !== 'compression' && !COLUMNAR_ALLOWED.has(kw));
    if (refused === 'REGION') throw new CopySyntaxError('REGION argument is not supported for PARQUET based COPY');
    if (refused)
      throw new CopySyntaxError(`${refused === 'NULL' ? 'NULL AS' : refused} cannot be used with PARQUET format`);
    return;
  }
  for (const kw of FORBIDDEN[cmd.format]) {
    if (seen.includes(kw))
      throw new CopySyntaxError(`${kw === 'NULL' ? 'NULL AS' : kw} cannot be used with ${label} format`);
  }
  if (cmd.format !== 'text' && cmd.format !== 'csv') return;
  if (!isOneAsciiChar(cmd.delimiter)) throw new CopySyntaxError('COPY delimiter must be a single one-byte character');
  if (cmd.delimiter === '\n' || cmd.delimiter === '\r')
    throw new CopySyntaxError('COPY delimiter cannot be newline or carriage return');
  if (cmd.format === 'csv') {
    if (!isOneAsciiChar(cmd.quote)) throw new CopySyntaxError('COPY quote must be a single one-byte character');
    if (cmd.quote === cmd.delimiter) throw new CopySyntaxError('COPY delimiter and quote must be different');
  }
  if (cmd.escape && cmd.delimiter === '\\') throw new CopySyntaxError('COPY delimiter cannot be backslash with ESCAPE');
}

function isOneAsciiChar(s: string): boolean {
  return s.length === 1 && s.charCodeAt(0) <= 0x7f;
}
