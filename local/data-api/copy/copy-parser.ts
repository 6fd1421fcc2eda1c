import { type CopyCommand, defaultCopyCommand, MAXERROR_LIMIT } from './copy-command';
import { type CopyToken, describeToken, tokenizeCopy } from './copy-tokens';
import { CopyNotSupportedError, CopySyntaxError } from './errors';

/** Options Redshift forbids together with JSON (copy-parameters-data-format). */
const NOT_WITH_JSON = new Set([
  'CSV',
  'DELIMITER',
  'ESCAPE',
  'FILLRECORD',
  'FIXEDWIDTH',
  'IGNOREBLANKLINES',
  'NULL',
  'READRATIO',
  'REMOVEQUOTES',
]);
/** Other data formats: valid Redshift, but this emulator only loads JSON. */
const OTHER_FORMATS = new Set(['PARQUET', 'ORC', 'AVRO', 'SHAPEFILE']);
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
};

/** Cheap check for a statement to route here: any statement starting with COPY. */
export function isCopyStatement(sql: string): boolean {
  return /^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*copy\b/i.test(sql);
}

/**
 * Parse a Redshift `COPY table [(cols)] FROM 's3://...' ... JSON ...` statement.
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
  const seen = new Set<string>();
  let sawJson = false;
  let sawMaxError = false;
  let credentials = false;
  const once = (name: string): void => {
    if (seen.has(name)) throw new CopySyntaxError(`conflicting or redundant options: ${name}`);
    seen.add(name);
  };
  /** An option that takes a value: given at most once, `AS` before the value optional. */
  const valueOption = (name: string): void => {
    once(name);
    p.optionalAs();
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
    if (NOT_WITH_JSON.has(kw))
      throw new CopySyntaxError(`${kw === 'NULL' ? 'NULL AS' : kw} cannot be used with JSON format`);
    if (OTHER_FORMATS.has(kw)) throw new CopyNotSupportedError(`FORMAT ${kw}`);
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
      case 'FORMAT':
        p.optionalAs();
        if (p.peekWord('JSON')) continue;
        if (p.peekWord('CSV')) throw new CopySyntaxError('CSV cannot be used with JSON format');
        {
          const f = p.peek();
          throw new CopyNotSupportedError(`FORMAT ${f?.kind === 'word' ? f.upper : describeToken(f)}`);
        }
      case 'JSON':
        valueOption(kw);
        sawJson = true;
        cmd.json = jsonMapping(p.peek()?.kind === 'string' ? p.string(kw) : 'auto');
        break;
      case 'GZIP':
        once('compression');
        cmd.compression = 'gzip';
        break;
      case 'BZIP2':
      case 'LZOP':
      case 'ZSTD':
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
        sawMaxError = true;
        cmd.maxError = Math.min(p.integer(kw), MAXERROR_LIMIT);
        break;
      case 'ACCEPTINVCHARS':
        once(kw);
        cmd.acceptInvChars = '?';
        if (p.peekWord('AS')) p.next();
        if (p.peek()?.kind === 'string') cmd.acceptInvChars = replacementChar(p.string(kw));
        break;
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
  if (!sawJson) throw new CopyNotSupportedError('COPY without FORMAT JSON (delimited text)');
  if (sawMaxError && cmd.ignoreAllErrors) throw new CopySyntaxError('IGNOREALLERRORS cannot be used with MAXERROR');
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

function replacementChar(s: string): string {
  if ([...s].length !== 1 || s.charCodeAt(0) > 0x7f) {
    throw new CopySyntaxError('ACCEPTINVCHARS replacement must be a single ASCII character');
  }
  return s;
}

/** Token reader with the few shapes the COPY grammar needs. */
class TokenCursor {
  private i = 0;
  constructor(private readonly tokens: CopyToken[]) {}
  done(): boolean {
    return this.i >= this.tokens.length;
  }
  peek(): CopyToken | undefined {
    return this.tokens[this.i];
  }
  next(): CopyToken {
    const t = this.tokens[this.i++];
    if (!t) throw new CopySyntaxError('syntax error at end of input');
    return t;
  }
  peekWord(upper: string): boolean {
    const t = this.peek();
    return t?.kind === 'word' && t.upper === upper;
  }
  peekPunct(text: string): boolean {
    const t = this.peek();
    return t?.kind === 'punct' && t.text === text;
  }
  expectWord(upper: string): void {
    if (!this.peekWord(upper))
      throw new CopySyntaxError(`syntax error at or near ${describeToken(this.peek())}: expected ${upper}`);
    this.i++;
  }
  expectPunct(text: string): void {
    if (!this.peekPunct(text))
      throw new CopySyntaxError(`syntax error at or near ${describeToken(this.peek())}: expected "${text}"`);
    this.i++;
  }
  optionalAs(): void {
    if (this.peekWord('AS')) this.i++;
  }
  optionalWord(allowed: string[]): void {
    const t = this.peek();
    if (t?.kind === 'word' && allowed.includes(t.upper)) this.i++;
  }
  /** Identifier: unquoted words are lowercased, as Redshift does; quoted ones too (Redshift folds them). */
  identifier(): string {
    const t = this.next();
    if (t.kind === 'word' || t.kind === 'ident') return t.text.toLowerCase();
    throw new CopySyntaxError(`syntax error at or near ${describeToken(t)}: expected an identifier`);
  }
  string(option: string): string {
    const t = this.next();
    if (t.kind !== 'string')
      throw new CopySyntaxError(`syntax error at or near ${describeToken(t)}: ${option} expects a quoted value`);
    return t.text;
  }
  integer(option: string): number {
    const t = this.next();
    const n = t.kind === 'number' || t.kind === 'string' ? Number(t.text) : NaN;
    if (!Number.isInteger(n) || n < 0)
      throw new CopySyntaxError(`${option} expects a non-negative integer, got ${describeToken(t)}`);
    return n;
  }
}
