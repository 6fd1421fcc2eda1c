/**
 * Result sets as the Data API returns them: the engine's text values (../engine/text-result.ts)
 * converted to the `Field` union per column type, with ColumnMetadata, paged with an opaque
 * NextToken, or as CSV.
 */
import type { ResultColumn } from '../engine/text-result';
import { ValidationException } from './errors';

/** The Field union: exactly one member is set. */
export type Field =
  | { isNull: true }
  | { booleanValue: boolean }
  | { longValue: number }
  | { doubleValue: number }
  | { stringValue: string }
  | { blobValue: string };

const LONG_TYPES = new Set(['int2', 'int4', 'int8', 'oid']);
const DOUBLE_TYPES = new Set(['float4', 'float8']);
const PRECISION: Record<string, number> = {
  bool: 1,
  int2: 5,
  int4: 10,
  int8: 19,
  float4: 8,
  float8: 17,
  date: 13,
  timestamp: 29,
  timestamptz: 35,
};

/**
 * The emulator stores SUPER as jsonb; Redshift reports the type as `super` and prints its values
 * as compact JSON (jsonb prints a space after `:` and `,`).
 */
const SUPER_TYPES = new Set(['jsonb', 'json']);

/** The type name Redshift reports for a column of PostgreSQL type `typeName`. */
export function reportedTypeName(typeName: string): string {
  return SUPER_TYPES.has(typeName) ? 'super' : typeName;
}

/** Convert one PostgreSQL text value to the Field union member Redshift uses for its type. */
export function toField(value: string | null, typeName: string): Field {
  if (value === null) return { isNull: true };
  if (SUPER_TYPES.has(typeName)) return { stringValue: compactJson(value) };
  if (LONG_TYPES.has(typeName)) return { longValue: Number(value) };
  if (DOUBLE_TYPES.has(typeName)) {
    const n = Number(value);
    // JSON has no NaN/Infinity; fall back to the printed text.
    return Number.isFinite(n) ? { doubleValue: n } : { stringValue: value };
  }
  if (typeName === 'bool') return { booleanValue: value === 't' || value === 'true' };
  if (typeName === 'bytea' && value.startsWith('\\x')) {
    return { blobValue: Buffer.from(value.slice(2), 'hex').toString('base64') };
  }
  return { stringValue: value };
}

/** jsonb's text with the whitespace outside strings removed (numbers and strings kept verbatim). */
function compactJson(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') {
        i++;
        out += text[i] ?? '';
      } else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c !== ' ') out += c;
  }
  return out;
}

/** ColumnMetadata for one result column. */
export function columnMetadata(column: ResultColumn): Record<string, unknown> {
  const t = reportedTypeName(column.typeName);
  const numeric = LONG_TYPES.has(t) || DOUBLE_TYPES.has(t) || t === 'numeric';
  return {
    isCaseSensitive: t === 'varchar' || t === 'bpchar' || t === 'char',
    isCurrency: false,
    isSigned: numeric,
    label: column.name,
    name: column.name,
    nullable: 1,
    precision: PRECISION[t] ?? (t === 'varchar' ? 65535 : 0),
    scale: 0,
    schemaName: '',
    tableName: '',
    typeName: t,
    length: 0,
  };
}

interface PageToken {
  id: string;
  offset: number;
}

/** Opaque NextToken carrying the statement id and the next row offset. */
export function encodePageToken(token: PageToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

/** @throws ValidationException for a token that is malformed or was issued for another statement. */
export function decodePageToken(text: string | undefined, id: string): number {
  if (!text) return 0;
  try {
    const token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as PageToken;
    if (token.id === id && Number.isInteger(token.offset) && token.offset >= 0) return token.offset;
  } catch {
    // fall through to the validation error
  }
  throw new ValidationException('The NextToken is invalid.');
}

/** One page of rows starting at `offset`; NextToken only when rows remain. */
export function resultPage<T>(
  id: string,
  rows: T[],
  offset: number,
  pageSize: number,
): { rows: T[]; NextToken?: string } {
  const end = Math.min(offset + pageSize, rows.length);
  const page = rows.slice(offset, end);
  return end < rows.length ? { rows: page, NextToken: encodePageToken({ id, offset: end }) } : { rows: page };
}

/** RFC 4180 CSV of rows (GetStatementResultV2); no header row. */
export function toCsv(rows: (string | null)[][]): string {
  const cell = (v: string | null) => (v === null ? '' : /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(cell).join(',')).join('\n') + (rows.length ? '\n' : '');
}
