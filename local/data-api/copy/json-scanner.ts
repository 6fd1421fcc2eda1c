import { JsonNumber, type JsonObject, type JsonValue } from './json-value';

/** One root-level JSON object or array of a data file. */
export interface ScannedRecord {
  value: JsonObject | JsonValue[];
  /** 1-based line of the record's last character (what stl_load_errors reports for JSON). */
  lastLine: number;
  /** Offsets of the record in the decoded text (for raw_line). */
  start: number;
  end: number;
}

/** Text that is not a valid root-level JSON object/array; the reader resumed after it. */
export interface ScanProblem {
  /** 1-based line where the problem was detected. */
  line: number;
  /** The offending text (from the start of the bad record or garbage to the end of that line). */
  raw: string;
  reason: string;
}

const MAX_DEPTH = 512;

class JsonSyntax extends Error {
  constructor(
    readonly reason: string,
    readonly at: number,
  ) {
    super(reason);
  }
}

/**
 * Read a COPY JSON data file: root-level objects/arrays separated only by whitespace
 * (newline-delimited, concatenated `}{` and pretty-printed all work). Anything else between
 * records is reported once per occurrence and the reader resyncs at the next line that starts
 * with `{` or `[`, so one broken record costs one load error, not one per line.
 * Hand-written rather than JSON.parse: we need line numbers, number source text and recovery.
 */
export function scanJsonRecords(
  text: string,
  onRecord: (r: ScannedRecord) => void,
  onProblem: (p: ScanProblem) => void,
  startLine = 1,
  startOffset = 0,
): void {
  const s = new Scanner(text, startLine, startOffset);
  const n = text.length;
  for (;;) {
    s.skipWhitespace();
    if (s.i >= n) return;
    const start = s.i;
    const startLine = s.line;
    const c = text.charCodeAt(start);
    try {
      if (c !== 0x7b /* { */ && c !== 0x5b /* [ */) {
        throw new JsonSyntax('Invalid JSON: text outside of a JSON object or array', start);
      }
      const value = s.value(0) as JsonObject | JsonValue[];
      onRecord({ value, lastLine: s.line, start, end: s.i });
    } catch (e) {
      if (!(e instanceof JsonSyntax)) throw e;
      // A record cut short (truncated line) runs into the next root record: a line starting at
      // column 0 with '{' or '[' inside the failed span is where the next record begins.
      let end = Math.min(Math.max(e.at, start), n);
      const next = nextRootLineStart(text, start, end);
      if (next >= 0) end = next - 1;
      // Attribute the problem to the last line holding its text (not to trailing blank lines).
      while (end > start && /\s/.test(text[end] ?? ' ')) end--;
      let line = startLine;
      for (let k = start; k < end; k++) if (text.charCodeAt(k) === 0x0a) line++;
      const lineEnd = text.indexOf('\n', end);
      const rawEnd = lineEnd < 0 ? n : lineEnd;
      onProblem({ line, raw: text.slice(start, Math.min(rawEnd, start + 1024)).replace(/\r$/, ''), reason: e.reason });
      s.i = end;
      s.line = line;
      if (next < 0) s.resync();
      else s.advanceTo(next);
    }
  }
}

/** Offset of the first line start in (from, to] whose first character opens a record, or -1. */
function nextRootLineStart(text: string, from: number, to: number): number {
  for (let nl = text.indexOf('\n', from); nl >= 0 && nl < to; nl = text.indexOf('\n', nl + 1)) {
    const c = text[nl + 1];
    if (c === '{' || c === '[') return nl + 1;
  }
  return -1;
}

/** Cursor over the text that keeps the current line number in step with the offset. */
class Scanner {
  i: number;
  line: number;
  constructor(
    private readonly t: string,
    startLine: number,
    startOffset: number,
  ) {
    this.i = startOffset;
    this.line = startLine;
  }

  skipWhitespace(): void {
    const t = this.t;
    for (;;) {
      const c = t.charCodeAt(this.i);
      if (c === 0x0a) this.line++;
      else if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0xfeff) return;
      this.i++;
    }
  }

  /** Move forward to `to`, counting newlines on the way. */
  advanceTo(to: number): void {
    for (let k = this.i; k < to; k++) if (this.t.charCodeAt(k) === 0x0a) this.line++;
    this.i = Math.max(this.i, to);
  }

  /** Skip to the next line whose first non-blank character can start a record. */
  resync(): void {
    const t = this.t;
    for (;;) {
      const nl = t.indexOf('\n', this.i);
      if (nl < 0) {
        this.i = t.length;
        return;
      }
      this.i = nl + 1;
      this.line++;
      let k = this.i;
      while (t[k] === ' ' || t[k] === '\t' || t[k] === '\r') k++;
      if (t[k] === '{' || t[k] === '[' || k >= t.length) return;
    }
  }

  value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) throw new JsonSyntax('Invalid JSON: nesting too deep', this.i);
    this.skipWhitespace();
    const t = this.t;
    const c = t.charCodeAt(this.i);
    if (c === 0x22) return this.string();
    if (c === 0x7b) return this.object(depth);
    if (c === 0x5b) return this.array(depth);
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    if (t.startsWith('true', this.i)) return this.literal(4, true);
    if (t.startsWith('false', this.i)) return this.literal(5, false);
    if (t.startsWith('null', this.i)) return this.literal(4, null);
    throw new JsonSyntax(
      this.i >= t.length ? 'Invalid JSON: unexpected end of data' : 'Invalid JSON: unexpected character',
      this.i,
    );
  }

  private literal<T>(len: number, v: T): T {
    this.i += len;
    return v;
  }

  private object(depth: number): JsonObject {
    const obj: JsonObject = new Map();
    this.i++;
    this.skipWhitespace();
    if (this.t.charCodeAt(this.i) === 0x7d) {
      this.i++;
      return obj;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.t.charCodeAt(this.i) !== 0x22)
        throw new JsonSyntax('Invalid JSON: expected a quoted member name', this.i);
      const key = this.string();
      this.skipWhitespace();
      if (this.t.charCodeAt(this.i) !== 0x3a) throw new JsonSyntax("Invalid JSON: expected ':'", this.i);
      this.i++;
      obj.set(key, this.value(depth + 1));
      this.skipWhitespace();
      const c = this.t.charCodeAt(this.i++);
      if (c === 0x2c) continue;
      if (c === 0x7d) return obj;
      throw new JsonSyntax("Invalid JSON: expected ',' or '}'", this.i - 1);
    }
  }

  private array(depth: number): JsonValue[] {
    const arr: JsonValue[] = [];
    this.i++;
    this.skipWhitespace();
    if (this.t.charCodeAt(this.i) === 0x5d) {
      this.i++;
      return arr;
    }
    for (;;) {
      arr.push(this.value(depth + 1));
      this.skipWhitespace();
      const c = this.t.charCodeAt(this.i++);
      if (c === 0x2c) continue;
      if (c === 0x5d) return arr;
      throw new JsonSyntax("Invalid JSON: expected ',' or ']'", this.i - 1);
    }
  }

  private number(): JsonNumber {
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = this.i;
    const found = m.exec(this.t);
    if (!found) throw new JsonSyntax('Invalid JSON: malformed number', this.i);
    this.i += found[0].length;
    return new JsonNumber(found[0]);
  }

  private string(): string {
    const t = this.t;
    // Fast path: most strings have no escape; find the closing quote with indexOf.
    const close = t.indexOf('"', this.i + 1);
    if (close > 0) {
      const body = t.slice(this.i + 1, close);
      if (body.indexOf('\\') < 0 && body.indexOf('\n') < 0) {
        this.i = close + 1;
        return body;
      }
    }
    let i = this.i + 1;
    let out = '';
    let from = i;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 0x22) {
        this.i = i + 1;
        return out + t.slice(from, i);
      }
      if (c === 0x5c) {
        out += t.slice(from, i);
        const [decoded, next] = this.escape(i);
        out += decoded;
        i = from = next;
        continue;
      }
      // A raw newline (or end of data) inside a string means a truncated record.
      if (c === 0x0a || Number.isNaN(c)) throw new JsonSyntax('Invalid JSON: unterminated string', i);
      i++;
    }
  }

  private escape(at: number): [string, number] {
    const e = this.t[at + 1];
    switch (e) {
      case '"':
        return ['"', at + 2];
      case '\\':
        return ['\\', at + 2];
      case '/':
        return ['/', at + 2];
      case 'b':
        return ['\b', at + 2];
      case 'f':
        return ['\f', at + 2];
      case 'n':
        return ['\n', at + 2];
      case 'r':
        return ['\r', at + 2];
      case 't':
        return ['\t', at + 2];
      case 'u': {
        const hex = this.t.slice(at + 2, at + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonSyntax('Invalid JSON: bad \\u escape', at);
        // Surrogate pairs arrive as two escapes; as UTF-16 units they recombine on concatenation.
        return [String.fromCharCode(parseInt(hex, 16)), at + 6];
      }
      default:
        throw new JsonSyntax('Invalid JSON: bad escape sequence', at);
    }
  }
}
