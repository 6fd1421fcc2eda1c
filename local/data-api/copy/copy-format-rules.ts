import type { CopyCommand } from './copy-command';
import { CopySyntaxError } from './errors';

/**
 * Options Redshift refuses with each format ("COPY: Data format parameters",
 * https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-format.html, and "COPY from
 * columnar data formats", https://docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-copy-from-columnar.html).
 * Columnar files carry their own structure and compression, so every text-parsing option and
 * every file compression is refused with PARQUET.
 */
const FORBIDDEN: Record<CopyCommand['format'], string[]> = {
  json: ['DELIMITER', 'ESCAPE', 'FILLRECORD', 'IGNOREBLANKLINES', 'NULL', 'REMOVEQUOTES'],
  csv: ['ESCAPE', 'REMOVEQUOTES'],
  text: [],
  parquet: [
    'DELIMITER',
    'ESCAPE',
    'FILLRECORD',
    'IGNOREBLANKLINES',
    'IGNOREHEADER',
    'REMOVEQUOTES',
    'GZIP',
    'BZIP2',
    'ZSTD',
  ],
};

/**
 * Check the options against the format (`seen` holds the option keywords as written) and the
 * shape of DELIMITER and QUOTE. @throws CopySyntaxError naming the option and the format
 */
export function checkFormatRules(cmd: CopyCommand, seen: string[]): void {
  const label = cmd.format.toUpperCase();
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
