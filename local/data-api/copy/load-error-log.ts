import { columnLengthText, type TableColumn } from './table-columns';
import type { LoadErrorRow } from './types';
import { replaceInvalidUtf8 } from './utf8';

/** Redshift's failure text (note the two spaces); `table` is the name without schema. */
export function loadFailedMessage(table: string): string {
  return `Load into table '${table}' failed.  Check 'stl_load_errors' system table for details.`;
}

/** Rows kept per COPY; past it only the first error of each further file is kept. */
export const RECORDED_ERRORS_CAP = 1000;

/**
 * Counts every load error of one COPY and keeps the rows worth persisting: all of them up to
 * the cap, then the first error of any file not yet represented, so that a failure handler can
 * always see every file that had a bad record.
 */
export class LoadErrorLog {
  count = 0;
  readonly rows: LoadErrorRow[] = [];
  private readonly filesSeen = new Set<string>();

  constructor(private readonly cap = RECORDED_ERRORS_CAP) {}

  add(row: LoadErrorRow): void {
    this.count++;
    if (this.rows.length < this.cap || !this.filesSeen.has(row.fileName)) {
      this.filesSeen.add(row.fileName);
      // Raw text may hold NUL or escaped invalid bytes; the system tables must still accept it.
      this.rows.push({
        ...row,
        rawLine: replaceInvalidUtf8(row.rawLine.slice(0, 1024), '?'),
        rawFieldValue: replaceInvalidUtf8(row.rawFieldValue.slice(0, 1024), '?'),
      });
    }
  }
}

/** Where and why one record failed, in the terms of the format that read it. */
export interface LoadErrorAt {
  url: string;
  line: number;
  /** The column the failing field belongs to; undefined for a record-level error. */
  col: TableColumn | undefined;
  position: number;
  rawLine: string;
  rawField: string;
  code: number;
  reason: string;
}

/** The stl_load_errors row of a failure: the column's name, type and length as Redshift shows them. */
export function loadErrorRow(at: LoadErrorAt): LoadErrorRow {
  return {
    fileName: at.url,
    lineNumber: at.line,
    columnName: at.col?.name ?? '',
    columnType: at.col?.type ?? '',
    columnLength: at.col ? columnLengthText(at.col) : '0',
    position: at.position,
    rawLine: at.rawLine,
    rawFieldValue: at.rawField,
    errorCode: at.code,
    errorMessage: at.reason,
  };
}
