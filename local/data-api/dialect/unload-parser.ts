/**
 * Parser of UNLOAD ("UNLOAD", https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html):
 *
 *   UNLOAD ('select-statement') TO 's3://bucket/prefix' authorization [option ...]
 *
 * Options the emulator reproduces: FORMAT [AS] CSV | JSON | PARQUET, DELIMITER [AS] 'c',
 * HEADER, NULL [AS] 's', ADDQUOTES, GZIP, PARALLEL [ON|TRUE|OFF|FALSE], MANIFEST [VERBOSE],
 * MAXFILESIZE [AS] n [MB|GB], ALLOWOVERWRITE, CLEANPATH, PARTITION BY (cols) [INCLUDE],
 * EXTENSION 's', REGION [AS] 's', ROWGROUPSIZE (accepted). The others fail as unsupported
 * locally. Authorization (IAM_ROLE, CREDENTIALS, ACCESS_KEY_ID/SECRET_ACCESS_KEY) is required,
 * as on Redshift, and otherwise not interpreted here.
 */
import { wordOrString } from './call-args';
import { isPunct, isTrivia, isWord, matchingParen, tokenize } from './sql-tokenizer';
import { UnsupportedLocallyError } from './unsupported';

export type UnloadFormat = 'TEXT' | 'CSV' | 'JSON' | 'PARQUET';

export interface UnloadCommand {
  /** The inner SELECT, unescaped (Redshift SQL, not yet translated). */
  query: string;
  bucket: string;
  /** Key prefix of the files (the part of the TO path after the bucket). */
  prefix: string;
  format: UnloadFormat;
  delimiter: string;
  header: boolean;
  nullAs: string;
  addQuotes: boolean;
  gzip: boolean;
  parallel: boolean;
  manifest: false | 'plain' | 'verbose';
  /** Bytes; Redshift's default is 6.2 GB. */
  maxFileSize: number;
  allowOverwrite: boolean;
  cleanPath: boolean;
  partitionBy: string[];
  partitionInclude: boolean;
  extension?: string;
}

/** UNLOAD text that Redshift would reject too (the message says what is wrong). */
export class UnloadSyntaxError extends Error {
  constructor(message: string) {
    super(`UNLOAD: ${message}`);
    this.name = 'UnloadSyntaxError';
  }
}

const MB = 1024 * 1024;
/** MAXFILESIZE bounds: 5 MB to 6.2 GB. */
const MIN_FILE_SIZE = 5 * MB;
const MAX_FILE_SIZE = 6.2 * 1024 * MB;

/** Options Redshift has that the emulator does not reproduce. */
const UNSUPPORTED = new Set([
  'FIXEDWIDTH',
  'ENCRYPTED',
  'KMS_KEY_ID',
  'MASTER_SYMMETRIC_KEY',
  'BZIP2',
  'ZSTD',
  'ESCAPE',
]);

/** Parse one UNLOAD statement. @throws UnloadSyntaxError, UnsupportedLocallyError. */
export function parseUnload(sql: string): UnloadCommand {
  const tokens = tokenize(sql).filter((t) => !isTrivia(t));
  if (!isWord(tokens[0], 'UNLOAD') || !isPunct(tokens[1], '('))
    throw new UnloadSyntaxError("expected UNLOAD ('select-statement')");
  const close = matchingParen(tokens, 1);
  const query = wordOrString(tokens.slice(2, close));
  if (query === undefined || tokens[2].kind !== 'string')
    throw new UnloadSyntaxError('the query must be a single-quoted string');
  if (!isWord(tokens[close + 1], 'TO')) throw new UnloadSyntaxError("expected TO 's3://bucket/prefix'");
  const to = wordOrString([tokens[close + 2]]) ?? '';
  const m = /^s3:\/\/([^/]+)\/(.*)$/.exec(to);
  if (!m) throw new UnloadSyntaxError(`the TO path must be s3://bucket/prefix, got '${to}'`);

  const cmd: UnloadCommand = {
    query,
    bucket: m[1],
    prefix: m[2],
    format: 'TEXT',
    delimiter: '|',
    header: false,
    nullAs: '',
    addQuotes: false,
    gzip: false,
    parallel: true,
    manifest: false,
    maxFileSize: MAX_FILE_SIZE,
    allowOverwrite: false,
    cleanPath: false,
    partitionBy: [],
    partitionInclude: false,
  };
  let delimiterSet = false;
  let authorized = false;
  const rest = tokens.slice(close + 3);
  const str = (k: number): string => {
    const v = rest[k]?.kind === 'string' ? wordOrString([rest[k]]) : undefined;
    if (v === undefined) throw new UnloadSyntaxError(`${rest[k - 1]?.text ?? ''} expects a quoted string`);
    return v;
  };
  const skipAs = (k: number) => (isWord(rest[k], 'AS') ? k + 1 : k);
  for (let k = 0; k < rest.length; k++) {
    const word = rest[k].text.toUpperCase();
    if (UNSUPPORTED.has(word)) throw new UnsupportedLocallyError(`UNLOAD option ${word}`);
    switch (word) {
      case 'IAM_ROLE':
        authorized = true;
        if (!isWord(rest[k + 1], 'DEFAULT')) str(k + 1);
        k++;
        break;
      case 'CREDENTIALS':
      case 'ACCESS_KEY_ID':
      case 'SECRET_ACCESS_KEY':
      case 'SESSION_TOKEN':
      case 'REGION':
        authorized ||= word !== 'REGION';
        k = skipAs(k + 1);
        str(k);
        break;
      case 'FORMAT': {
        k = skipAs(k + 1);
        const f = rest[k]?.text.toUpperCase();
        if (f !== 'CSV' && f !== 'JSON' && f !== 'PARQUET') throw new UnloadSyntaxError(`unknown FORMAT ${f}`);
        cmd.format = f;
        break;
      }
      case 'CSV':
      case 'JSON':
      case 'PARQUET':
        cmd.format = word;
        break;
      case 'DELIMITER':
        k = skipAs(k + 1);
        cmd.delimiter = str(k);
        delimiterSet = true;
        break;
      case 'NULL':
        k = skipAs(k + 1);
        cmd.nullAs = str(k);
        break;
      case 'EXTENSION':
        k++;
        cmd.extension = str(k).replace(/^\./, '');
        break;
      case 'HEADER':
        cmd.header = true;
        break;
      case 'ADDQUOTES':
        cmd.addQuotes = true;
        break;
      case 'GZIP':
        cmd.gzip = true;
        break;
      case 'ALLOWOVERWRITE':
        cmd.allowOverwrite = true;
        break;
      case 'CLEANPATH':
        cmd.cleanPath = true;
        break;
      case 'PARALLEL':
        if (isWord(rest[k + 1], 'OFF', 'FALSE')) cmd.parallel = false;
        if (isWord(rest[k + 1], 'OFF', 'FALSE', 'ON', 'TRUE')) k++;
        break;
      case 'MANIFEST':
        cmd.manifest = isWord(rest[k + 1], 'VERBOSE') ? 'verbose' : 'plain';
        if (cmd.manifest === 'verbose') k++;
        break;
      case 'MAXFILESIZE':
      case 'ROWGROUPSIZE': {
        k = skipAs(k + 1);
        const n = Number(rest[k]?.text);
        const unit = isWord(rest[k + 1], 'GB') ? 1024 * MB : MB;
        if (isWord(rest[k + 1], 'MB', 'GB')) k++;
        if (word === 'MAXFILESIZE') {
          const bytes = n * unit;
          if (!(bytes >= MIN_FILE_SIZE && bytes <= MAX_FILE_SIZE))
            throw new UnloadSyntaxError('MAXFILESIZE must be between 5 MB and 6.2 GB');
          cmd.maxFileSize = bytes;
        }
        break;
      }
      case 'PARTITION': {
        if (!isWord(rest[k + 1], 'BY') || !isPunct(rest[k + 2], '('))
          throw new UnloadSyntaxError('expected PARTITION BY (column, ...)');
        const end = matchingParen(rest, k + 2);
        cmd.partitionBy = rest
          .slice(k + 3, end)
          .filter((t) => !isPunct(t, ','))
          .map((t) => t.text.replace(/"/g, '').toLowerCase());
        k = end;
        if (isWord(rest[k + 1], 'INCLUDE')) {
          cmd.partitionInclude = true;
          k++;
        }
        break;
      }
      default:
        throw new UnloadSyntaxError(`unexpected ${rest[k].text}`);
    }
  }
  if (!authorized) throw new UnloadSyntaxError('an authorization (IAM_ROLE or CREDENTIALS) is required');
  if (cmd.format === 'CSV' && !delimiterSet) cmd.delimiter = ',';
  if ((cmd.format === 'JSON' || cmd.format === 'PARQUET') && (delimiterSet || cmd.header || cmd.addQuotes))
    throw new UnloadSyntaxError(`DELIMITER, HEADER and ADDQUOTES cannot be used with FORMAT ${cmd.format}`);
  if (cmd.format === 'PARQUET' && cmd.gzip) throw new UnloadSyntaxError('GZIP cannot be used with FORMAT PARQUET');
  return cmd;
}
