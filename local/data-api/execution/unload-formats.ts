/**
 * The bytes of UNLOAD's files, per format ("UNLOAD", https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html):
 *
 * - TEXT (default): `|`-delimited (or DELIMITER), NULL as the NULL AS string (empty by default),
 *   ADDQUOTES wraps every value in double quotes.
 * - CSV: `,`-delimited, a value holding the delimiter, a quote or a line break quoted with `"`
 *   (quotes doubled).
 * - JSON: one object per line, keys are the column names, numbers and booleans as JSON values,
 *   SUPER columns as nested JSON, NULL values left out of the object.
 * - PARQUET: one file per part through hyparquet-writer (unload-parquet.ts).
 *
 * Rows are cut into parts of at most MAXFILESIZE bytes (uncompressed), as Redshift cuts its files.
 */

import type { UnloadCommand } from '../dialect/unload-parser';
import type { ResultColumn } from '../engine/text-result';

const NUMBER_TYPES = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'oid']);
const SUPER_TYPES = new Set(['jsonb', 'json']);

/** One line (with its newline) per row, for TEXT, CSV and JSON. */
export function rowLine(cmd: UnloadCommand, columns: ResultColumn[], row: (string | null)[]): string {
  if (cmd.format === 'JSON') return `${jsonLine(columns, row)}\n`;
  return `${row.map((v, k) => cell(cmd, columns[k], v)).join(cmd.delimiter)}\n`;
}

/** The HEADER line: the column names, delimited like the rows. */
export function headerLine(cmd: UnloadCommand, columns: ResultColumn[]): string {
  return `${columns.map((c) => (cmd.format === 'CSV' ? csvQuote(c.name, cmd.delimiter) : c.name)).join(cmd.delimiter)}\n`;
}

function cell(cmd: UnloadCommand, column: ResultColumn, value: string | null): string {
  // SUPER ignores NULL AS: it is written as JSON null ("Unloading semistructured data in CSV or text formats").
  if (value === null) return SUPER_TYPES.has(column.typeName) ? 'null' : cmd.nullAs;
  const text = column.typeName === 'bool' ? (value === 't' ? 't' : 'f') : value;
  if (cmd.format === 'CSV') return csvQuote(text, cmd.delimiter);
  return cmd.addQuotes ? `"${text}"` : text;
}

function csvQuote(value: string, delimiter: string): string {
  return value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function jsonLine(columns: ResultColumn[], row: (string | null)[]): string {
  const members: string[] = [];
  columns.forEach((c, k) => {
    const v = row[k];
    if (v === null) return;
    let json: string;
    if (NUMBER_TYPES.has(c.typeName) && /^-?\d/.test(v)) json = v;
    else if (c.typeName === 'bool') json = v === 't' ? 'true' : 'false';
    else if (SUPER_TYPES.has(c.typeName)) json = v;
    else json = JSON.stringify(v);
    members.push(`${JSON.stringify(c.name)}:${json}`);
  });
  return `{${members.join(',')}}`;
}

/** Cut rows into parts whose text stays within `maxBytes` (a part always holds at least one row). */
export function textParts(cmd: UnloadCommand, columns: ResultColumn[], rows: (string | null)[][]): string[] {
  const header = cmd.header ? headerLine(cmd, columns) : '';
  const parts: string[] = [];
  let current: string[] = [];
  let size = Buffer.byteLength(header);
  for (const row of rows) {
    const line = rowLine(cmd, columns, row);
    const bytes = Buffer.byteLength(line);
    if (current.length > 0 && size + bytes > cmd.maxFileSize) {
      parts.push(header + current.join(''));
      current = [];
      size = Buffer.byteLength(header);
    }
    current.push(line);
    size += bytes;
  }
  parts.push(header + current.join(''));
  return parts;
}
