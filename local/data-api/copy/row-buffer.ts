/** CSV text of bulk-load chunks; a chunk closes past this size to bound string length. */
const CHUNK_CHARS = 16 * 1024 * 1024;

/** One bulk-load chunk for ctx.copyCsv. */
export interface CsvChunk {
  csv: string;
  rows: number;
}

/**
 * Converted rows of every format, buffered as CSV for PostgreSQL's COPY: every non-null value
 * quoted with embedded quotes doubled, NULL an unquoted empty field (so '' and NULL stay apart).
 */
export class RowBuffer {
  private readonly chunks: CsvChunk[] = [];
  private lines: string[] = [];
  private chars = 0;
  /** While false (the COPY is already failing) rows are still checked but not kept. */
  keepRows = true;

  add(values: Array<string | null>): void {
    if (!this.keepRows) return;
    const row = values.map((v) => (v === null ? '' : `"${v.includes('"') ? v.replace(/"/g, '""') : v}"`)).join(',');
    this.lines.push(row);
    this.chars += row.length + 1;
    if (this.chars >= CHUNK_CHARS) this.closeChunk();
  }

  /** Chunks ready for ctx.copyCsv (closes the open chunk when `all`). */
  takeChunks(all: boolean): CsvChunk[] {
    if (all && this.lines.length > 0) this.closeChunk();
    return this.chunks.splice(0, this.chunks.length);
  }

  private closeChunk(): void {
    this.chunks.push({ csv: `${this.lines.join('\n')}\n`, rows: this.lines.length });
    this.lines = [];
    this.chars = 0;
  }
}

/** What index.ts drives for each format: one decoded file at a time, then the buffered rows. */
export interface FormatLoader {
  readonly rows: RowBuffer;
  loadFile(url: string, body: Buffer): void | Promise<void>;
}
