/**
 * The record splitter alone ("COPY: Data format parameters",
 * https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-format.html).
 */
import {
  type DelimitedOptions,
  type DelimitedProblem,
  type DelimitedRecord,
  scanDelimited,
} from '../../../../../local/data-api/copy/delimited-scanner';

const TEXT: DelimitedOptions = {
  csv: false,
  delimiter: '|',
  quote: '"',
  escape: false,
  removeQuotes: false,
  ignoreBlankLines: false,
  nullAs: '\\N',
};
const CSV: DelimitedOptions = { ...TEXT, csv: true, delimiter: ',' };

function scan(text: string, o: DelimitedOptions, firstLine = 1, offset = 0) {
  const records: DelimitedRecord[] = [];
  const problems: DelimitedProblem[] = [];
  scanDelimited(
    text,
    o,
    (r) => records.push(r),
    (p) => problems.push(p),
    firstLine,
    offset,
  );
  return { records, problems };
}

describe('scanDelimited', () => {
  test('a final line without a newline is a record; a trailing newline adds none', () => {
    expect(scan('a|b\nc|d', TEXT).records.map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(scan('a|b\n', TEXT).records).toHaveLength(1);
  });

  test('an escaped newline continues the record; the next record counts its line', () => {
    const { records } = scan('a\\\nb|1\nc|2\n', { ...TEXT, escape: true });
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['a\nb', '1']],
      [3, ['c', '2']],
    ]);
  });

  test('NULL AS is matched on the field as written, before ESCAPE', () => {
    const { records } = scan('\\N|x\n', { ...TEXT, escape: true });
    expect(records[0].isNull).toEqual([true, false]);
  });

  test('CSV: a multi-line quoted field; the record after it starts on the right line', () => {
    const { records } = scan('"a\nb\nc",1\nz,2\n', CSV);
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['a\nb\nc', '1']],
      [4, ['z', '2']],
    ]);
  });

  test('a rejected record is reported with its raw line and scanning goes on', () => {
    const { records, problems } = scan('"a"x,1\nok,2\n', CSV);
    expect(problems).toEqual([
      {
        line: 1,
        raw: '"a"x,1',
        code: 1214,
        reason: 'Missing newline: Unexpected character 0x78 found at location 3',
        position: 3,
      },
    ]);
    expect(records.map((r) => r.fields)).toEqual([['ok', '2']]);
  });

  test('scanning from an offset keeps the given line numbering (after IGNOREHEADER)', () => {
    const text = 'h1|h2\na|b\n';
    expect(scan(text, TEXT, 2, text.indexOf('\n') + 1).records.map((r) => [r.line, r.fields])).toEqual([
      [2, ['a', 'b']],
    ]);
  });
});
