import type { CopyCommand } from './copy-command';
import { type DelimitedOptions, type DelimitedRecord, scanDelimited } from './delimited-scanner';
import type { FieldConverter } from './field-converters';
import { FieldConversionError } from './field-error';
import { type LoadErrorLog, loadErrorRow } from './load-error-log';
import { type FormatLoader, RowBuffer } from './row-buffer';
import type { TableColumn } from './table-columns';
import type { LoadErrorRow } from './types';
import { decodeUtf8Escaped } from './utf8';

/**
 * Loads delimited text and CSV files: fields map to the target columns by position. A record
 * with fewer fields fails with 1214 "Delimiter not found" unless FILLRECORD pads it (missing
 * fields load as '' so a character column gets an empty string and any other column NULL, as
 * "Data conversion parameters" describes); more fields than columns fail with 1202
 * "Extra column(s) found" ("Load error reference",
 * https://docs.aws.amazon.com/redshift/latest/dg/r_Load_Error_Reference.html).
 */
export class DelimitedLoader implements FormatLoader {
  readonly rows = new RowBuffer();
  private readonly options: DelimitedOptions;

  constructor(
    private readonly columns: TableColumn[],
    private readonly converters: FieldConverter[],
    private readonly errors: LoadErrorLog,
    private readonly cmd: CopyCommand,
  ) {
    this.options = {
      csv: cmd.format === 'csv',
      delimiter: cmd.delimiter,
      quote: cmd.quote,
      escape: cmd.escape,
      removeQuotes: cmd.removeQuotes,
      ignoreBlankLines: cmd.ignoreBlankLines,
      nullAs: cmd.nullAs ?? '\\N',
    };
  }

  loadFile(url: string, body: Buffer): void {
    const text = decodeUtf8Escaped(body);
    // IGNOREHEADER skips physical lines at the start of every file.
    let offset = 0;
    let line = 1;
    for (let k = 0; k < this.cmd.ignoreHeader && offset < text.length; k++) {
      const nl = text.indexOf('\n', offset);
      offset = nl < 0 ? text.length : nl + 1;
      line++;
    }
    scanDelimited(
      text,
      this.options,
      (r) => this.loadRecord(url, text, r),
      (p) => this.errors.add(errorRow(url, p.line, undefined, p.raw, '', p.code, p.reason, p.position)),
      line,
      offset,
    );
  }

  private loadRecord(url: string, text: string, r: DelimitedRecord): void {
    const cols = this.columns;
    const raw = (): string => text.slice(r.start, Math.min(r.end, r.start + 1024));
    if (r.fields.length > cols.length) {
      const last = cols[cols.length - 1];
      this.errors.add(errorRow(url, r.line, last, raw(), r.fields[cols.length], 1202, 'Extra column(s) found', 0));
      return;
    }
    if (r.fields.length < cols.length && !this.cmd.fillRecord) {
      const k = r.fields.length - 1;
      const f = r.fields[k];
      this.errors.add(errorRow(url, r.line, cols[k], raw(), f, 1214, 'Delimiter not found', f.length));
      return;
    }
    const out = new Array<string | null>(cols.length);
    for (let k = 0; k < cols.length; k++) {
      const value = k < r.fields.length ? (r.isNull[k] ? null : r.fields[k]) : '';
      try {
        const converted = this.converters[k](value);
        if (converted === null && cols[k].notNull)
          throw new FieldConversionError(1213, 'Missing data for not-null field', 0);
        out[k] = converted;
      } catch (e) {
        if (!(e instanceof FieldConversionError)) throw e;
        this.errors.add(errorRow(url, r.line, cols[k], raw(), value ?? '', e.code, e.reason, e.position));
        return;
      }
    }
    this.rows.add(out);
  }
}

function errorRow(
  url: string,
  line: number,
  col: TableColumn | undefined,
  rawLine: string,
  rawField: string,
  code: number,
  reason: string,
  position: number,
): LoadErrorRow {
  return loadErrorRow({ url, line, col, position, rawLine, rawField, code, reason });
}
