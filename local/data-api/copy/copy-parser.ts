import {
  type Compression,
  type CopyCommand,
  type DataFormat,
  defaultCopyCommand,
  MAXERROR_LIMIT,
} from './copy-command';
import { checkFormatRules } from './copy-format-rules';
import { describeToken, TokenCursor, tokenizeCopy } from './copy-tokens';
import { CopyNotSupportedError, CopySyntaxError } from './errors';

/** Formats that are valid Redshift but not loaded by this emulator. */
const OTHER_FORMATS = new Set(['ORC', 'AVRO', 'SHAPEFILE', 'FIXEDWIDTH']);
const FORMATS: Record<string, DataFormat> = { JSON: 'json', CSV: 'csv', PARQUET: 'parquet' };
const COMPRESSIONS: Record<string, Compression> = { GZIP: 'gzip', BZIP2: 'bzip2', ZSTD: 'zstd' };
const FLAGS: Record<string, keyof CopyCommand> = {
  MANIFEST: 'manifest',
  TRUNCATECOLUMNS: 'truncateColumns',
  BLANKSASNULL: 'blanksAsNull',
  EMPTYASNULL: 'emptyAsNull',
  ACCEPTANYDATE: 'acceptAnyDate',
  ROUNDEC: 'roundDec',
  TRIMBLANKS: 'trimBlanks',
  EXPLICIT_IDS: 'explicitIds',
  NOLOAD: 'noLoad',
  IGNOREALLERRORS: 'ignoreAllErrors',
  ESCAPE: 'escape',
  REMOVEQUOTES: 'removeQuotes',
  FILLRECORD: 'fillRecord',
  IGNOREBLANKLINES: 'ignoreBlankLines',
};

/** Cheap check for a statement to route here: any statement starting with COPY. */
export function isCopyStatement(sql: string): boolean {
  return /^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*copy\b/i.test(sql);
}

/**
 * Parse a Redshift `COPY table [(cols)] FROM 's3://...' ...` statement (JSON, delimited text,
 * CSV or Parquet).
 * Credentials (IAM_ROLE, CREDENTIALS, ACCESS_KEY_ID, ...) are checked for shape and dropped.
 * @throws CopySyntaxError for malformed text, unknown options and invalid combinations.
 * @throws CopyNotSupportedError for valid Redshift the emulator does not implement.
 */
export function parseCopy(sql: string): CopyCommand {
  const p = new TokenCursor(tokenizeCopy(sql));
  p.expectWord('COPY');
  const first = p.identifier();
  let schema: string | undefined;
  let table = first;
  if (p.peekPunct('.')) {
    p.next();
    schema = first;
    table = p.identifier();
  }
  let columns: string[] | undefined;
  if (p.peekPunct('(')) {
    p.next();
    columns = [p.identifier()];
    while (p.peekPunct(',')) {
      p.next();
      columns.push(p.identifier());
    }
    p.expectPunct(')');
  }
  p.expectWord('FROM');
  const from = p.string('FROM');
  if (!from.startsWith('s3://'))
    throw new CopyNotSupportedError(`COPY from a source other than s3:// ('${from.split(':')[0]}')`);
  const cmd = defaultCopyCommand(table, from);
  cmd.schema = schema;
  cmd.columns = columns;
  parseOptions(p, cmd);
  return cmd;
}

function parseOptions(p: TokenCursor, cmd: CopyCommand): void {
  const seen: string[] = [];
  let format: DataFormat | undefined;
  let credentials = false;
  const once = (name: string): void => {
    if (seen.includes(name)) throw new CopySyntaxError(`conflicting or redundant options: ${name}`);
    seen.push(name);
  };
  /** An option that takes a value: given at most once, `AS` before the value optional. */
  const valueOption = (name: string): void => {
    once(name);
    p.optionalAs();
  };
  const setFormat = (kw: string): void => {
    const f = FORMATS[kw];
    if (format !== undefined) {
      // The JSON wording is the one Redshift gives for its forbidden options.
      if (format === 'json') throw new CopySyntaxError(`${kw} cannot be used with JSON format`);
      if (f === 'json') throw new CopySyntaxError(`${format.toUpperCase()} cannot be used with JSON format`);
      throw new CopySyntaxError(`conflicting or redundant options: FORMAT ${kw}`);
    }
    format = f;
    seen.push(kw);
    if (kw === 'JSON') {
      p.optionalAs();
      cmd.json = jsonMapping(p.peek()?.kind === 'string' ? p.string(kw) : 'auto');
    } else if (kw === 'CSV' && p.peekWord('QUOTE')) {
      p.next();
      seen.push('QUOTE');
      p.optionalAs();
      cmd.quote = p.string('QUOTE');
    }
  };
  while (!p.done()) {
    const t = p.next();
    if (t.kind !== 'word') throw new CopySyntaxError(`syntax error at or near ${describeToken(t)}`);
    const kw = t.upper;
    if (kw in FLAGS) {
      once(kw);
      (cmd as unknown as Record<string, unknown>)[FLAGS[kw]] = true;
      continue;
    }
    if (kw in FORMATS) {
      setFormat(kw);
      continue;
    }
    if (OTHER_FORMATS.has(kw)) throw new CopyNotSupportedError(`FORMAT ${kw}`);
    if (kw in COMPRESSIONS) {
      once('compression');
      seen.push(kw);
      cmd.compression = COMPRESSIONS[kw];
      continue;
    }
    switch (kw) {
      case 'WITH':
        continue; // `WITH CREDENTIALS` is an old spelling
      case 'IAM_ROLE':
        once(kw);
        credentials = true;
        if (p.peekWord('DEFAULT')) p.next();
        else p.string(kw);
        break;
      case 'CREDENTIALS':
      case 'ACCESS_KEY_ID':
      case 'SECRET_ACCESS_KEY':
      case 'SESSION_TOKEN':
        valueOption(kw);
        credentials = true;
        p.string(kw);
        break;
      case 'REGION':
        valueOption(kw);
        cmd.region = p.string(kw);
        break;
      case 'FORMAT': {
        p.optionalAs();
        const f = p.next();
        if (f.kind === 'word' && f.upper in FORMATS) setFormat(f.upper);
        else throw new CopyNotSupportedError(`FORMAT ${f.kind === 'word' ? f.upper : describeToken(f)}`);
        break;
      }
      case 'LZOP':
        // No maintained pure-JavaScript lzop reader exists: refused loudly rather than misread.
        throw new CopyNotSupportedError(`${kw} compression`);
      case 'ENCRYPTED':
        throw new CopyNotSupportedError('ENCRYPTED');
      case 'TIMEFORMAT':
      case 'DATEFORMAT':
        valueOption(kw);
        if (kw === 'TIMEFORMAT') cmd.timeFormat = p.string(kw);
        else cmd.dateFormat = p.string(kw);
        break;
      case 'MAXERROR':
        valueOption(kw);
        cmd.maxError = Math.min(p.integer(kw), MAXERROR_LIMIT);
        break;
      case 'ACCEPTINVCHARS':
        once(kw);
        cmd.acceptInvChars = '?';
        if (p.peekWord('AS')) p.next();
        if (p.peek()?.kind === 'string') cmd.acceptInvChars = replacementChar(p.string(kw));
        break;
      case 'DELIMITER':
        valueOption(kw);
        cmd.delimiter = delimiterChar(p.string(kw));
        break;
      case 'NULL':
        valueOption(kw);
        cmd.nullAs = p.string('NULL AS');
        break;
      case 'QUOTE':
        throw new CopySyntaxError('QUOTE AS can only be used with CSV format');
      case 'COMPUPDATE':
        once(kw);
        p.optionalWord(['ON', 'OFF', 'TRUE', 'FALSE', 'PRESET']);
        break;
      case 'STATUPDATE':
        once(kw);
        p.optionalWord(['ON', 'OFF', 'TRUE', 'FALSE']);
        break;
      case 'COMPROWS':
        once(kw);
        p.integer(kw);
        break;
      case 'IGNOREHEADER':
        valueOption(kw);
        cmd.ignoreHeader = p.integer(kw);
        break;
      default:
        throw new CopySyntaxError(`syntax error at or near ${describeToken(t)}`);
    }
  }
  if (!credentials)
    throw new CopySyntaxError('Missing credentials: specify IAM_ROLE, CREDENTIALS or ACCESS_KEY_ID/SECRET_ACCESS_KEY');
  cmd.format = format ?? 'text';
  if (cmd.format === 'csv' && !seen.includes('DELIMITER')) cmd.delimiter = ',';
  checkFormatRules(cmd, seen);
  if (seen.includes('MAXERROR') && cmd.ignoreAllErrors)
    throw new CopySyntaxError('IGNOREALLERRORS cannot be used with MAXERROR');
  if (cmd.ignoreAllErrors) cmd.maxError = Number.MAX_SAFE_INTEGER;
}

function jsonMapping(arg: string): CopyCommand['json'] {
  // 'auto' and 'auto ignorecase' are case-sensitive keywords in Redshift.
  if (arg === 'auto') return { kind: 'auto', ignoreCase: false };
  if (arg === 'auto ignorecase') return { kind: 'auto', ignoreCase: true };
  if (arg === 'noshred') throw new CopyNotSupportedError("JSON 'noshred'");
  if (arg.startsWith('s3://')) return { kind: 'jsonpaths', url: arg };
  throw new CopySyntaxError(
    `Invalid JSON option '${arg}': expected 'auto', 'auto ignorecase' or an s3:// JSONPaths file`,
  );
}

/**
 * DELIMITER text: '\t' is a tab and '\ooo' an octal byte, as in the documented
 * `DELIMITER '\t'` of tab-separated files; anything else is taken as written.
 */
function delimiterChar(s: string): string {
  if (s === '\\t') return '\t';
  const octal = /^\\([0-7]{3})$/.exec(s);
  return octal ? String.fromCharCode(Number.parseInt(octal[1], 8)) : s;
}

function replacementChar(s: string): string {
  if ([...s].length !== 1 || s.charCodeAt(0) > 0x7f) {
    throw new CopySyntaxError('ACCEPTINVCHARS replacement must be a single ASCII character');
  }
  return s;
}
