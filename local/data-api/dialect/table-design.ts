/**
 * Redshift's physical design of a table (distribution style and key, sort keys, column
 * encodings), read from CREATE TABLE so that SVV_TABLE_INFO and PG_TABLE_DEF answer with it
 * ("CREATE TABLE", https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_TABLE_NEW.html;
 * "SVV_TABLE_INFO", https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_TABLE_INFO.html;
 * "PG_TABLE_DEF", https://docs.aws.amazon.com/redshift/latest/dg/r_PG_TABLE_DEF.html).
 *
 * PostgreSQL has no place for it, so each CREATE TABLE is followed by an upsert into
 * pg_redshift_sys.table_design keyed by the new table's oid (a dropped table's row simply stops
 * matching). CREATE TABLE ... (LIKE parent) without its own design inherits the parent's, as
 * Redshift's LIKE does.
 */
import { splitArgs } from './call-args';
import { isPunct, isTrivia, isWord, joinTokens, matchingParen, type Token } from './sql-tokenizer';

export interface TableDesign {
  diststyle?: 'AUTO' | 'EVEN' | 'KEY' | 'ALL';
  distkey?: string;
  sortkeys: string[];
  sortkeyType?: 'COMPOUND' | 'INTERLEAVED' | 'AUTO';
  encodings: Record<string, string>;
  likeParent?: string;
}

const ident = (t: Token | undefined) => (t ? t.text.replace(/"/g, '').toLowerCase() : '');

/** The design clauses of a CREATE TABLE (tokens from CREATE; `nameEnd` just past the table name). */
export function readTableDesign(tokens: Token[], nameEnd: number): TableDesign {
  const sig = tokens.slice(nameEnd).filter((t) => !isTrivia(t));
  const design: TableDesign = { sortkeys: [], encodings: {} };
  let k = 0;
  if (isPunct(sig[0], '(')) {
    const close = matchingParen(sig, 0);
    for (const element of splitArgs(sig.slice(1, close)))
      readColumn(
        element.filter((t) => !isTrivia(t)),
        design,
      );
    k = close + 1;
  }
  for (; k < sig.length && !isWord(sig[k], 'AS'); k++) {
    const t = sig[k];
    const next = sig[k + 1];
    if (isWord(t, 'DISTSTYLE')) design.diststyle = next.text.toUpperCase() as TableDesign['diststyle'];
    else if (isWord(t, 'DISTKEY') && isPunct(next, '(')) {
      design.distkey = ident(sig[k + 2]);
      design.diststyle ??= 'KEY';
    } else if (isWord(t, 'COMPOUND', 'INTERLEAVED')) design.sortkeyType = t.text.toUpperCase() as 'COMPOUND';
    else if (isWord(t, 'SORTKEY') && isWord(next, 'AUTO')) design.sortkeyType = 'AUTO';
    else if (isWord(t, 'SORTKEY') && isPunct(next, '(')) {
      const close = matchingParen(sig, k + 1);
      design.sortkeys = sig
        .slice(k + 2, close)
        .filter((x) => !isPunct(x, ','))
        .map(ident);
      design.sortkeyType ??= 'COMPOUND';
    }
  }
  if (design.distkey && !design.diststyle) design.diststyle = 'KEY';
  return design;
}

function readColumn(element: Token[], design: TableDesign): void {
  if (isWord(element[0], 'LIKE')) {
    design.likeParent = joinTokens(element.slice(1).filter((t) => !isWord(t, 'INCLUDING', 'EXCLUDING', 'DEFAULTS')));
    return;
  }
  if (isWord(element[0], 'PRIMARY', 'UNIQUE', 'FOREIGN', 'CONSTRAINT', 'CHECK')) return;
  const column = ident(element[0]);
  element.forEach((t, k) => {
    if (isWord(t, 'DISTKEY')) {
      design.distkey = column;
      design.diststyle ??= 'KEY';
    } else if (isWord(t, 'SORTKEY')) {
      design.sortkeys.push(column);
      design.sortkeyType ??= 'COMPOUND';
    } else if (isWord(t, 'ENCODE') && element[k + 1]) design.encodings[column] = element[k + 1].text.toLowerCase();
  });
}

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The SQL recording `design` for the table named `table` (PostgreSQL spelling), run right after its CREATE. */
export function recordDesignSql(table: string, design: TableDesign): string {
  const target = `${literal(table)}::regclass::oid`;
  const explicit = design.diststyle || design.sortkeyType || Object.keys(design.encodings).length > 0;
  if (design.likeParent && !explicit) {
    return `INSERT INTO pg_redshift_sys.table_design (reloid, diststyle, distkey, sortkeys, sortkey_type, encodings)
      SELECT ${target}, diststyle, distkey, sortkeys, sortkey_type, encodings FROM pg_redshift_sys.table_design
      WHERE reloid = ${literal(design.likeParent)}::regclass::oid ON CONFLICT (reloid) DO NOTHING`;
  }
  const sortkeys = `ARRAY[${design.sortkeys.map(literal).join(', ')}]::text[]`;
  return `INSERT INTO pg_redshift_sys.table_design (reloid, diststyle, distkey, sortkeys, sortkey_type, encodings)
    VALUES (${target}, ${literal(design.diststyle ?? 'AUTO')}, ${design.distkey ? literal(design.distkey) : 'NULL'}, ${sortkeys},
      ${design.sortkeyType ? literal(design.sortkeyType) : 'NULL'}, ${literal(JSON.stringify(design.encodings))}::jsonb)
    ON CONFLICT (reloid) DO NOTHING`;
}

/** [start, end) of the table name in a CREATE TABLE statement (tokens from CREATE). */
export function tableNameSpan(tokens: Token[]): [number, number] {
  const next = (from: number) => {
    let i = from;
    while (i < tokens.length && isTrivia(tokens[i])) i++;
    return i;
  };
  let i = next(tokens.findIndex((t) => isWord(t, 'TABLE')) + 1);
  if (isWord(tokens[i], 'IF')) i = next(next(next(i + 1) + 1) + 1);
  const start = i;
  while (i < tokens.length && (tokens[i].kind === 'word' || tokens[i].kind === 'quoted' || isPunct(tokens[i], '.')))
    i++;
  return [start, i];
}
