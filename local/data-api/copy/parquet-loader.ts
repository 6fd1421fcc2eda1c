import type { FileMetaData, ParquetParsers, SchemaTree } from 'hyparquet';
import { formatMicros } from './convert-datetime';
import type { CopyCommand } from './copy-command';
import type { FieldConverter } from './field-converters';
import { FieldConversionError } from './field-error';
import { type LoadErrorLog, loadErrorRow } from './load-error-log';
import { hyparquet, parquetCompressors } from './node-modules';
import {
  bytesToBigInt,
  decimalText,
  describeParquetColumn,
  isCompatible,
  type ParquetKind,
  parquetKind,
  redshiftTypeName,
} from './parquet-types';
import { type FormatLoader, RowBuffer } from './row-buffer';
import type { TableColumn } from './table-columns';
import { CopyFailedError } from './types';
import { decodeUtf8Escaped } from './utf8';

/** A DATE or TIMESTAMP value of the file, kept exact (hyparquet's default makes a JS Date). */
class Instant {
  constructor(
    readonly micros: bigint,
    readonly dateOnly: boolean,
  ) {}
}

const MICROS_PER_DAY = 86_400_000_000n;

const PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (ms) => new Instant(ms * 1000n, false),
  timestampFromMicroseconds: (us) => new Instant(us, false),
  timestampFromNanoseconds: (ns) => new Instant(ns / 1000n, false),
  dateFromDays: (days) => new Instant(BigInt(days) * MICROS_PER_DAY, true),
  // Invalid UTF-8 bytes survive as escapes so ACCEPTINVCHARS and error 1220 work as for text.
  stringFromBytes: (b) => (b ? decodeUtf8Escaped(Buffer.from(b.buffer, b.byteOffset, b.byteLength)) : b),
  jsonFromBytes: (b) => (b ? decodeUtf8Escaped(Buffer.from(b.buffer, b.byteOffset, b.byteLength)) : b),
};

/**
 * `FORMAT AS PARQUET`: columns of the file map to the target columns by position, and the counts
 * must match ("COPY from columnar data formats",
 * https://docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-copy-from-columnar.html).
 * A column count or type mismatch, or a value that does not fit its column, fails the whole
 * COPY as Redshift's "Spectrum Scan Error" does (MAXERROR does not apply); the error names the
 * file, the row group and the column, and is also kept as an stl_load_errors row so that a
 * failure handler can tell which file to quarantine.
 */
export class ParquetLoader implements FormatLoader {
  readonly rows = new RowBuffer();

  constructor(
    private readonly columns: TableColumn[],
    private readonly converters: FieldConverter[],
    private readonly errors: LoadErrorLog,
    private readonly cmd: CopyCommand,
  ) {}

  async loadFile(url: string, body: Buffer): Promise<void> {
    const hp = hyparquet();
    const file = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
    let metadata: FileMetaData;
    try {
      metadata = hp.parquetMetadata(file);
    } catch (e) {
      this.fail(url, 0, undefined, 15001, `File '${url}' is not a valid Parquet file: ${(e as Error).message}`);
    }
    const fields = hp.parquetSchema(metadata).children;
    const kinds = this.checkSchema(url, fields);
    // Decimals are read as their unscaled integers and scaled exactly here.
    const decimalNames = new Set(fields.filter((_f, k) => kinds[k] === 'decimal').map((f) => f.element.name));
    const readable = {
      ...metadata,
      schema: metadata.schema.map((e) =>
        decimalNames.has(e.name) ? { ...e, converted_type: undefined, logical_type: undefined } : e,
      ),
    };
    let data: unknown[][] = [];
    await hp.parquetRead({
      file,
      metadata: readable,
      compressors: parquetCompressors(),
      parsers: PARSERS,
      utf8: false,
      onComplete: (rows) => {
        data = rows;
      },
    });
    const groupEnds: number[] = [];
    let total = 0;
    for (const g of metadata.row_groups) {
      total += Number(g.num_rows);
      groupEnds.push(total);
    }
    let group = 0;
    data.forEach((row, r) => {
      while (r >= groupEnds[group]) group++;
      this.loadRow(url, row, r, group, fields, kinds);
    });
  }

  /** Count and types of the file's columns against the targets. @throws CopyFailedError (15007) */
  private checkSchema(url: string, fields: SchemaTree[]): ParquetKind[] {
    if (fields.length !== this.columns.length) {
      this.fail(
        url,
        0,
        undefined,
        15007,
        `Unmatched number of columns between table and file. Table columns: ${this.columns.length}, Data columns: ${fields.length}, File name: ${url}`,
      );
    }
    return fields.map((f, k) => {
      const kind = parquetKind(f);
      const col = this.columns[k];
      if (!isCompatible(col, kind)) {
        this.fail(
          url,
          0,
          col,
          15007,
          `File '${url}' has an incompatible Parquet schema for column '${url}.${f.element.name}'. Column type: ${redshiftTypeName(col)}, Parquet schema:\n${describeParquetColumn(f.element)}`,
        );
      }
      return kind;
    });
  }

  private loadRow(url: string, row: unknown[], r: number, group: number, fields: SchemaTree[], kinds: ParquetKind[]) {
    const out = new Array<string | null>(this.columns.length);
    for (let k = 0; k < this.columns.length; k++) {
      const col = this.columns[k];
      let raw: string | null = null;
      try {
        const v = row[k];
        const direct = v instanceof Instant ? instantText(v, col) : undefined;
        raw = direct ?? valueText(v, kinds[k], fields[k].element.scale ?? 0);
        if (kinds[k] === 'string' && raw !== null && raw === this.cmd.nullAs) raw = null;
        const converted = direct !== undefined ? direct : this.converters[k](raw);
        if (converted === null && col.notNull)
          throw new FieldConversionError(1213, 'Missing data for not-null field', 0);
        out[k] = converted;
      } catch (e) {
        if (!(e instanceof FieldConversionError)) throw e;
        this.fail(
          url,
          r + 1,
          col,
          e.code,
          `File '${url}' row group ${group}, row ${r + 1}, column '${col.name}': ${e.reason}`,
          raw ?? '',
          e.position,
        );
      }
    }
    this.rows.add(out);
  }

  private fail(
    url: string,
    line: number,
    col: TableColumn | undefined,
    code: number,
    context: string,
    rawField = '',
    position = 0,
  ): never {
    const row = loadErrorRow({ url, line, col, position, rawLine: '', rawField, code, reason: context });
    this.errors.add(row);
    throw new CopyFailedError(`Spectrum Scan Error. code: ${code} context: ${context}`, this.errors.rows);
  }
}

/** A file value as the text the column converters read; null for a Parquet null. */
function valueText(v: unknown, kind: ParquetKind, scale: number): string | null {
  if (v === null || v === undefined) return null;
  if (kind === 'decimal') {
    const unscaled = v instanceof Uint8Array ? bytesToBigInt(v) : BigInt(v as number | bigint);
    return decimalText(unscaled, scale);
  }
  if (v instanceof Uint8Array) return decodeUtf8Escaped(Buffer.from(v.buffer, v.byteOffset, v.byteLength));
  return String(v);
}

/** DATE/TIMESTAMP of the file into a date or timestamp column, exactly; undefined for other columns. */
function instantText(v: Instant, col: TableColumn): string | undefined {
  const text = formatMicros(v.micros);
  if (text === null) throw new FieldConversionError(v.dateOnly ? 1205 : 1206, 'Date/timestamp out of range', 0);
  if (col.type === 'date') return text.slice(0, 10);
  if (col.type === 'timestamp') return text;
  if (col.type === 'timestamptz') return `${text}+00`;
  return undefined;
}
