import { columnName, kindOf, observe, redshiftType, widen } from '../../../../../local/cli/datasets/infer-types';
import { parseCsv } from '../../../../../local/cli/datasets/read-sample';

const typeOf = (values: unknown[]) => redshiftType(values.reduce(observe, undefined) as ReturnType<typeof observe>);

describe('type inference from sample values', () => {
  it('classifies CSV text, JSON values and Parquet values', () => {
    expect(
      ['12', '70000', '9007199254740993', '1.5', 'true', '2024-01-02', '2024-01-02T10:00:00Z', 'x'].map(kindOf),
    ).toEqual(['smallint', 'integer', 'bigint', 'double', 'boolean', 'date', 'timestamp', 'varchar']);
    expect([null, '', undefined].map(kindOf)).toEqual([undefined, undefined, undefined]);
    expect([3, 2.5, 10n, true, new Date(0), { a: 1 }].map(kindOf)).toEqual([
      'smallint',
      'double',
      'smallint',
      'boolean',
      'timestamp',
      'varchar',
    ]);
  });

  it('widens where values disagree: numbers to the widest, dates to timestamps, mixed kinds to text', () => {
    expect(widen('smallint', 'bigint')).toBe('bigint');
    expect(widen('integer', 'double')).toBe('double');
    expect(widen('date', 'timestamp')).toBe('timestamp');
    expect(widen('integer', 'date')).toBe('varchar');
    expect(widen('boolean', 'smallint')).toBe('varchar');
    expect(typeOf(['1', '2', '', '3.5'])).toBe('DOUBLE PRECISION');
    expect(typeOf(['2024-01-01', '2024-01-01 10:00:00'])).toBe('TIMESTAMP');
    expect(typeOf(['7', 'seven'])).toBe('VARCHAR(16)');
  });

  it('sizes VARCHAR in bytes with room to grow', () => {
    expect(typeOf(['é'.repeat(10)])).toBe('VARCHAR(64)');
    expect(typeOf(['x'.repeat(40000)])).toBe('VARCHAR(65535)');
    expect(typeOf([null])).toBe('VARCHAR(16)');
  });

  it('makes column names Redshift accepts unquoted', () => {
    expect(['Product Name', 'userId', '2nd', 'a-b.c', '_x_'].map(columnName)).toEqual([
      'product_name',
      'userid',
      'c_2nd',
      'a_b_c',
      'x',
    ]);
  });
});

describe('CSV sample reading', () => {
  it('keeps quoted delimiters, doubled quotes and CRLF line ends', () => {
    expect(parseCsv('a;b\r\n"x;y";"say ""hi"""\r\n1;\n', ';')).toEqual([
      ['a', 'b'],
      ['x;y', 'say "hi"'],
      ['1', ''],
    ]);
  });
});
