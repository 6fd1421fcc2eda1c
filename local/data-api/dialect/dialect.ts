/**
 * Redshift -> PostgreSQL (PGlite) dialect translation.
 *
 * Works on tokens (see sql-tokenizer.ts), so text inside literals, quoted identifiers, comments
 * and dollar-quoted bodies is never rewritten. One Redshift statement can become zero (no-ops
 * such as VACUUM), one, or several PostgreSQL statements (MERGE ... REMOVE DUPLICATES).
 */
import { rewriteCreateTable } from './dialect-create-table';
import { rewriteExpressions } from './rewrite-expressions';
import { rewriteFunctions } from './rewrite-functions';
import { rewriteTypes } from './rewrite-types';
import { rewriteSelectLists } from './select-lists';
import {
  firstKeyword,
  isTrivia,
  isWord,
  joinTokens,
  nextSignificant,
  raw,
  splitStatements,
  type Token,
  tokenize,
} from './sql-tokenizer';
import { readTableDesign, recordDesignSql, tableNameSpan } from './table-design';
import { rejectUnsupported, UnsupportedLocallyError } from './unsupported';

/** How statement dispatch (../execution) must run a translated statement. */
export type StatementKind =
  /** Ordinary SQL for PostgreSQL. */
  | 'sql'
  /** COPY ... FROM 's3://...': handed, untranslated, to runCopy. */
  | 'copy'
  /** UNLOAD ('select ...') TO 's3://...': handed, untranslated, to runUnload (../execution/unload.ts). */
  | 'unload'
  /** BEGIN / START TRANSACTION / COMMIT / END: the transaction runner already wraps statements in a transaction. */
  | 'begin'
  | 'commit'
  /** ROLLBACK / ABORT. */
  | 'rollback'
  /** Accepted and ignored (VACUUM, ANALYZE COMPRESSION, LOCK outside a transaction, ...). */
  | 'noop';

export interface TranslatedStatement {
  kind: StatementKind;
  /** PostgreSQL text (for 'copy', the original Redshift text). */
  sql: string;
  /** The statement creates a temporary table (the transaction runner drops temp tables when the "session" ends). */
  createsTemp: boolean;
  /** Bookkeeping SQL to run right after `sql`, in the same transaction (CREATE TABLE records its design). */
  after?: string[];
  /**
   * The statement commits the transaction it runs in ("TRUNCATE": "commits the transaction in
   * which it is run", https://docs.aws.amazon.com/redshift/latest/dg/r_TRUNCATE.html); what
   * follows runs in a new transaction.
   */
  commits?: boolean;
}

/** Statements whose kind follows from their first keyword alone. */
const FIXED_KINDS: Readonly<Record<string, StatementKind>> = {
  COPY: 'copy',
  UNLOAD: 'unload',
  BEGIN: 'begin',
  START: 'begin',
  COMMIT: 'commit',
  END: 'commit',
  ROLLBACK: 'rollback',
  ABORT: 'rollback',
  VACUUM: 'noop',
};

export interface TranslateOptions {
  /** Whether the statement will run inside a transaction block (LOCK is a no-op otherwise). Default true. */
  inTransaction?: boolean;
}

/** Translate Redshift SQL text (one or more `;`-separated statements) for PostgreSQL. */
export function translateRedshiftSql(sql: string, options: TranslateOptions = {}): TranslatedStatement[] {
  return splitStatements(tokenize(sql)).flatMap((stmt) => translateStatement(stmt, options.inTransaction ?? true));
}

function translateStatement(tokens: Token[], inTransaction: boolean): TranslatedStatement[] {
  const keyword = firstKeyword(tokens);
  const body = tokens.slice(tokens.findIndex((t) => !isTrivia(t)));
  const second = body[nextSignificant(body, 1)];
  const plain = (kind: StatementKind, text = joinTokens(body).trim()) => [{ kind, sql: text, createsTemp: false }];

  const fixedKind = FIXED_KINDS[keyword];
  if (fixedKind) return plain(fixedKind);
  rejectUnsupported(body);
  switch (keyword) {
    case 'ANALYZE':
      if (isWord(second, 'COMPRESSION')) return plain('noop');
      break;
    case 'LOCK':
      // PostgreSQL rejects LOCK outside a transaction block; Redshift calls it meaningless there.
      if (!inTransaction) return plain('noop');
      break;
    case 'ALTER':
      // Physical-design changes (ALTER DISTSTYLE / DISTKEY / SORTKEY / ENCODE) mean nothing to PostgreSQL.
      if (isWord(second, 'TABLE') && body.some((t) => isWord(t, 'DISTSTYLE', 'DISTKEY', 'SORTKEY', 'ENCODE')))
        return plain('noop');
      if (isWord(second, 'TABLE') && body.some((t) => isWord(t, 'APPEND'))) return alterTableAppend(body);
      break;
    case 'MERGE':
      if (body.some((t) => isWord(t, 'DUPLICATES'))) return mergeRemoveDuplicates(body);
      break;
    case 'CREATE':
      // `CREATE USER name PASSWORD DISABLE`: an IAM-only user ("CREATE USER",
      // https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_USER.html). A PostgreSQL role
      // created without a password cannot sign in with one either.
      if (isWord(second, 'USER')) {
        const at = body.findIndex((t) => isWord(t, 'PASSWORD'));
        const next = at > 0 ? nextSignificant(body, at + 1) : -1;
        if (next > 0 && isWord(body[next], 'DISABLE')) body.splice(at, next - at + 1);
      }
      break;
    case 'DELETE':
      // Redshift allows `DELETE table WHERE ...` (FROM is optional).
      if (second && !isWord(second, 'FROM')) body.splice(nextSignificant(body, 1), 0, raw('FROM '));
      break;
  }

  let out = body;
  let createsTemp = false;
  let design: string | undefined;
  if (keyword === 'CREATE' && body.slice(0, 8).some((t) => isWord(t, 'TABLE'))) {
    const [nameStart, nameEnd] = tableNameSpan(body);
    const table = joinTokens(rewriteExpressions(body.slice(nameStart, nameEnd)));
    design = recordDesignSql(table, readTableDesign(body, nameEnd));
    const rewritten = rewriteCreateTable(body);
    out = rewritten.tokens;
    createsTemp = rewritten.temp;
  }
  if ((keyword === 'SELECT' || keyword === 'WITH') && selectIntoTemp(out)) createsTemp = true;
  const ddl = keyword === 'CREATE' || keyword === 'ALTER';
  const main: TranslatedStatement = { kind: 'sql', sql: joinTokens(rewriteAll(out, ddl)).trim(), createsTemp };
  if (keyword === 'TRUNCATE') main.commits = true;
  return [design ? { ...main, after: [design] } : main];
}

/** Every expression-level rewrite, in the order they depend on each other. */
function rewriteAll(tokens: Token[], ddl: boolean): Token[] {
  return rewriteFunctions(rewriteExpressions(rewriteSelectLists(rewriteTypes(tokens, ddl))));
}

/**
 * `ALTER TABLE target APPEND FROM source [IGNOREEXTRA | FILLTARGET]` moves the source's rows
 * into the target and leaves the source empty ("ALTER TABLE APPEND",
 * https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE_APPEND.html). Locally the rows
 * are copied by column name; IGNOREEXTRA / FILLTARGET are not needed for identical layouts.
 */
function alterTableAppend(tokens: Token[]): TranslatedStatement[] {
  const sig = tokens.filter((t) => !isTrivia(t));
  const append = sig.findIndex((t) => isWord(t, 'APPEND'));
  const target = joinTokens(rewriteExpressions(sig.slice(2, append)));
  const source = joinTokens(rewriteExpressions(sig.slice(append + 2, append + 3)));
  const extra = sig.slice(append + 3).map((t) => t.text.toUpperCase());
  if (extra.some((w) => w !== 'IGNOREEXTRA' && w !== 'FILLTARGET' && w !== '.'))
    throw new UnsupportedLocallyError(`ALTER TABLE APPEND option ${extra.join(' ')}`);
  return [
    { kind: 'sql', sql: `INSERT INTO ${target} SELECT * FROM ${source}`, createsTemp: false },
    { kind: 'sql', sql: `DELETE FROM ${source}`, createsTemp: false },
  ];
}

/** `SELECT ... INTO #t` creates a temp table: add TEMP after INTO. */
function selectIntoTemp(tokens: Token[]): boolean {
  const into = tokens.findIndex((t) => isWord(t, 'INTO'));
  if (into < 0) return false;
  const target = tokens[nextSignificant(tokens, into + 1)];
  if (isWord(target, 'TEMP', 'TEMPORARY')) return true;
  if (!target?.text.startsWith('#')) return false;
  tokens[into] = raw(`${tokens[into].text} TEMP`);
  return true;
}

/**
 * `MERGE INTO t USING s ON cond REMOVE DUPLICATES` (Redshift's simplified MERGE, identical
 * column layout): matching target rows are replaced by the source rows, the rest inserted.
 */
function mergeRemoveDuplicates(tokens: Token[]): TranslatedStatement[] {
  const at = (word: string) => tokens.findIndex((t) => isWord(t, word));
  const into = at('INTO');
  const using = at('USING');
  const on = at('ON');
  const remove = at('REMOVE');
  const text = (from: number, to: number) => joinTokens(rewriteAll(tokens.slice(from, to), false)).trim();
  const target = text(into + 1, using);
  const source = text(using + 1, on);
  const cond = text(on + 1, remove);
  return [
    { kind: 'sql', sql: `DELETE FROM ${target} USING ${source} WHERE ${cond}`, createsTemp: false },
    {
      kind: 'sql',
      sql: `INSERT INTO ${target.replace(/\s+AS\s+\S+$/i, '')} SELECT * FROM ${source}`,
      createsTemp: false,
    },
  ];
}
