import type { FieldConverter } from './field-converters';
import { FieldConversionError } from './field-error';
import { type ScannedRecord, scanJsonRecords } from './json-scanner';
import { fieldText, type JsonObject, type JsonValue, lowerCaseKeys } from './json-value';
import { evaluateJsonPath, type PathStep } from './jsonpaths';
import { type LoadErrorLog, loadErrorRow } from './load-error-log';
import { type FormatLoader, RowBuffer } from './row-buffer';
import type { TableColumn } from './table-columns';
import { decodeUtf8Escaped } from './utf8';

/** How a record's fields are found: by column name ('auto') or by one JSONPath per column. */
export type FieldMapping = { kind: 'auto'; ignoreCase: boolean } | { kind: 'paths'; paths: PathStep[][] };

/**
 * Turns the records of JSON data files into rows (one per record) and logs a load error (with
 * file, last line of the record, column) for each record it must skip.
 */
export class RecordLoader implements FormatLoader {
  readonly rows = new RowBuffer();

  constructor(
    private readonly columns: TableColumn[],
    private readonly converters: FieldConverter[],
    private readonly mapping: FieldMapping,
    private readonly errors: LoadErrorLog,
    private readonly ignoreHeader = 0,
  ) {}

  loadFile(url: string, body: Buffer): void {
    this.loadText(url, decodeUtf8Escaped(body));
  }

  /** Read every record of one decoded data file. */
  loadText(url: string, text: string): void {
    let offset = 0;
    let line = 1;
    for (let k = 0; k < this.ignoreHeader && offset < text.length; k++) {
      const nl = text.indexOf('\n', offset);
      offset = nl < 0 ? text.length : nl + 1;
      line++;
    }
    scanJsonRecords(
      text,
      (r) => this.loadRecord(url, text, r),
      (p) =>
        this.errors.add({
          fileName: url,
          lineNumber: p.line,
          columnName: '',
          columnType: '',
          columnLength: '0',
          position: 0,
          rawLine: p.raw,
          rawFieldValue: '',
          errorCode: 1216,
          errorMessage: p.reason,
        }),
      line,
      offset,
    );
  }

  private loadRecord(url: string, text: string, r: ScannedRecord): void {
    const fields = this.columns.length;
    const out = new Array<string | null>(fields);
    let k = 0;
    let value: JsonValue = null;
    try {
      const source = this.fieldSource(r.value);
      for (; k < fields; k++) {
        value = source(k);
        const converted = this.converters[k](value);
        if (converted === null && this.columns[k].notNull)
          throw new FieldConversionError(1213, 'Missing data for not-null field', 0);
        out[k] = converted;
      }
    } catch (e) {
      if (!(e instanceof FieldConversionError)) throw e;
      const col = k < fields ? this.columns[k] : undefined;
      this.errors.add(
        loadErrorRow({
          url,
          line: r.lastLine,
          col,
          position: e.position,
          rawLine: text.slice(r.start, Math.min(r.end, r.start + 1024)),
          rawField: fieldText(value) ?? '',
          code: e.code,
          reason: e.reason,
        }),
      );
      return;
    }
    this.rows.add(out);
  }

  /** Field k of a record, per the mapping. */
  private fieldSource(root: JsonObject | JsonValue[]): (k: number) => JsonValue {
    const m = this.mapping;
    if (m.kind === 'paths') return (k) => evaluateJsonPath(root, m.paths[k]);
    if (Array.isArray(root)) {
      throw new FieldConversionError(
        1216,
        "Invalid JSON object: a top-level array needs a JSONPaths file, not 'auto'",
        0,
      );
    }
    const obj = m.ignoreCase ? lowerCaseKeys(root) : root;
    return (k) => obj.get(this.columns[k].name) ?? null;
  }
}
