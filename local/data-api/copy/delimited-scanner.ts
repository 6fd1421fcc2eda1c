/**
 * Splits delimited text and CSV into records and fields, as Redshift's COPY reads them
 * ("COPY: Data format parameters", https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-format.html):
 * - text: a record is a line; DELIMITER separates fields; with ESCAPE a backslash makes the next
 *   character (delimiter, newline, backslash, quote) plain data; with REMOVEQUOTES a field that
 *   starts with a single or double quote keeps everything up to the matching quote, delimiters
 *   included, and an unmatched opening quote rejects the line.
 * - CSV: a field that starts with the QUOTE character runs to the closing quote, across
 *   delimiters and newlines; a doubled quote inside is one quote.
 * A carriage return is data, as in Redshift (a CRLF file loads '\r' into its last field).
 */

export interface DelimitedOptions {
  csv: boolean;
  delimiter: string;
  quote: string;
  escape: boolean;
  removeQuotes: boolean;
  ignoreBlankLines: boolean;
  nullAs: string;
}

export interface DelimitedRecord {
  /** Field values after quote and escape processing. */
  fields: string[];
  /** true where the field matched NULL AS (text: the field as written; CSV: unquoted fields only). */
  isNull: boolean[];
  /** 1-based line where the record starts. */
  line: number;
  start: number;
  end: number;
}

export interface DelimitedProblem {
  line: number;
  raw: string;
  code: number;
  reason: string;
  position: number;
}

/**
 * Call `onRecord` for each record of `text` from `offset` on (line numbers counted from
 * `firstLine`), `onProblem` for each record that cannot be split; scanning goes on after it.
 */
export function scanDelimited(
  text: string,
  o: DelimitedOptions,
  onRecord: (r: DelimitedRecord) => void,
  onProblem: (p: DelimitedProblem) => void,
  firstLine = 1,
  offset = 0,
): void {
  let i = offset;
  let line = firstLine;
  const n = text.length;
  while (i < n) {
    const start = i;
    const startLine = line;
    if (text[i] === '\n' && o.ignoreBlankLines) {
      i++;
      line++;
      continue;
    }
    const fields: string[] = [];
    const isNull: boolean[] = [];
    let problem: Omit<DelimitedProblem, 'line' | 'raw'> | undefined;
    for (;;) {
      const r = o.csv ? readCsvField(text, i, o) : readTextField(text, i, o);
      fields.push(r.value);
      isNull.push(r.isNull);
      line += r.newlines;
      i = r.end;
      if (r.problem) {
        problem = r.problem;
        break;
      }
      if (i < n && text[i] === o.delimiter) {
        i++;
        continue;
      }
      break; // at a newline or the end of the text
    }
    // A rejected record is skipped to the end of its line.
    while (i < n && text[i] !== '\n') i++;
    const end = i;
    if (i < n) {
      i++;
      line++;
    }
    const raw = text.slice(start, Math.min(end, start + 1024));
    if (problem) onProblem({ ...problem, line: startLine, raw });
    else onRecord({ fields, isNull, line: startLine, start, end });
  }
}

interface FieldRead {
  value: string;
  isNull: boolean;
  /** Index just after the field (at a delimiter, a newline or the end). */
  end: number;
  newlines: number;
  problem?: Omit<DelimitedProblem, 'line' | 'raw'>;
}

function readTextField(text: string, from: number, o: DelimitedOptions): FieldRead {
  let i = from;
  let value = '';
  let newlines = 0;
  const n = text.length;
  const q = text[i];
  if (o.removeQuotes && (q === '"' || q === "'")) {
    const close = text.indexOf(q, i + 1);
    const eol = text.indexOf('\n', i + 1);
    if (close < 0 || (eol >= 0 && eol < close)) {
      return {
        value: text.slice(i, eol < 0 ? n : eol),
        isNull: false,
        end: eol < 0 ? n : eol,
        newlines: 0,
        problem: { code: 1214, reason: 'Unterminated quoted string (REMOVEQUOTES)', position: 0 },
      };
    }
    value = text.slice(i + 1, close);
    i = close + 1;
  }
  let segment = i;
  while (i < n) {
    const c = text[i];
    if (c === o.delimiter || c === '\n') break;
    if (o.escape && c === '\\' && i + 1 < n) {
      value += text.slice(segment, i) + text[i + 1];
      if (text[i + 1] === '\n') newlines++;
      i += 2;
      segment = i;
      continue;
    }
    i++;
  }
  value += text.slice(segment, i);
  // NULL AS compares the field as written, so the default '\N' still means NULL under ESCAPE.
  return { value, isNull: text.slice(from, i) === o.nullAs, end: i, newlines };
}

function readCsvField(text: string, from: number, o: DelimitedOptions): FieldRead {
  const n = text.length;
  if (text[from] !== o.quote) {
    let i = from;
    while (i < n && text[i] !== o.delimiter && text[i] !== '\n') i++;
    const value = text.slice(from, i);
    return { value, isNull: value === o.nullAs, end: i, newlines: 0 };
  }
  let value = '';
  let newlines = 0;
  let i = from + 1;
  for (;;) {
    const close = text.indexOf(o.quote, i);
    if (close < 0) {
      return {
        value: value + text.slice(i),
        isNull: false,
        end: n,
        newlines,
        problem: { code: 1214, reason: 'Unterminated quoted field at end of file', position: n - from },
      };
    }
    const part = text.slice(i, close);
    newlines += countNewlines(part);
    value += part;
    if (text[close + 1] === o.quote) {
      value += o.quote;
      i = close + 2;
      continue;
    }
    i = close + 1;
    break;
  }
  if (i < n && text[i] !== o.delimiter && text[i] !== '\n') {
    const hex = text.charCodeAt(i).toString(16);
    return {
      value,
      isNull: false,
      end: i,
      newlines,
      problem: {
        code: 1214,
        reason: `Missing newline: Unexpected character 0x${hex} found at location ${i - from}`,
        position: i - from,
      },
    };
  }
  return { value, isNull: false, end: i, newlines };
}

function countNewlines(s: string): number {
  let k = 0;
  for (let j = s.indexOf('\n'); j >= 0; j = s.indexOf('\n', j + 1)) k++;
  return k;
}
