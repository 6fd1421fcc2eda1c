import { dateConverter, timestampConverter } from '../../../../../local/data-api/copy/convert-datetime';
import { toBoolean, toFloat, toInteger, toNumeric } from '../../../../../local/data-api/copy/convert-number';
import { type TextOptions, toText, truncateToBytes } from '../../../../../local/data-api/copy/convert-text';
import { FieldConversionError } from '../../../../../local/data-api/copy/field-error';
import { decodeUtf8Escaped } from '../../../../../local/data-api/copy/utf8';

function failure(fn: () => unknown): { code: number; reason: string; position: number } {
  try {
    fn();
  } catch (e) {
    if (e instanceof FieldConversionError) return { code: e.code, reason: e.reason, position: e.position };
    throw e;
  }
  throw new Error('expected a FieldConversionError');
}

describe('integers', () => {
  test.each([
    ['42', 'int4', '42'],
    [' -7 ', 'int2', '-7'],
    ['1540919166796.0', 'int8', '1540919166796'],
    ['1.5e3', 'int4', '1500'],
    ['9223372036854775807', 'int8', '9223372036854775807'],
    ['+12', 'int4', '12'],
  ] as const)('%s into %s -> %s', (raw, kind, out) => {
    expect(toInteger(raw, kind)).toBe(out);
  });

  test('invalid digit 1207 names the first bad character and its position', () => {
    expect(failure(() => toInteger('abc', 'int4'))).toEqual({
      code: 1207,
      reason: "Invalid digit, Value 'a', Pos 0, Type: Integer",
      position: 0,
    });
    expect(failure(() => toInteger('12x4', 'int8')).reason).toBe("Invalid digit, Value 'x', Pos 2, Type: Long");
    expect(failure(() => toInteger('1.5', 'int2')).reason).toBe("Invalid digit, Value '.', Pos 1, Type: Short");
  });

  test('overflow 1222', () => {
    expect(failure(() => toInteger('2147483648', 'int4'))).toMatchObject({
      code: 1222,
      reason: 'Overflow (Integer valid range -2147483648 to 2147483647)',
    });
    expect(failure(() => toInteger('9223372036854775808', 'int8')).code).toBe(1222);
    expect(failure(() => toInteger('40000', 'int2')).code).toBe(1222);
  });
});

describe('floats, numerics, booleans', () => {
  test('float8 keeps short decimals, float4 never overflows PostgreSQL', () => {
    expect(toFloat('246.30812', 'float8')).toBe('246.30812');
    expect(toFloat('1e-400', 'float8')).toBe('0');
    expect(failure(() => toFloat('1e39', 'float4')).code).toBe(1208);
    expect(failure(() => toFloat('12abc', 'float8'))).toMatchObject({
      code: 1208,
      reason: "Invalid float format, Value '12abc', Type: Double",
    });
    expect(toFloat('NaN', 'float8')).toBe('NaN');
  });

  test('numeric truncates extra scale (ROUNDEC rounds) and bounds the integer digits', () => {
    expect(toNumeric('246.30812', 18, 2, false)).toBe('246.30');
    expect(toNumeric('246.30812', 18, 4, true)).toBe('246.3081');
    expect(toNumeric('0.995', 5, 2, true)).toBe('1.00');
    expect(toNumeric('-0.001', 5, 2, false)).toBe('0.00');
    expect(toNumeric('1.5e2', 18, 0, false)).toBe('150');
    expect(failure(() => toNumeric('123456', 6, 2, false)).code).toBe(1204);
    expect(failure(() => toNumeric('x1', 6, 2, false)).code).toBe(1207);
  });

  test('booleans', () => {
    expect(['true', 'T', '1', 'yes', 'y'].map(toBoolean)).toEqual(['t', 't', 't', 't', 't']);
    expect(['false', 'f', '0', 'NO'].map(toBoolean)).toEqual(['f', 'f', 'f', 'f']);
    expect(failure(() => toBoolean('maybe'))).toMatchObject({
      code: 1210,
      reason: "Invalid boolean format, Value 'maybe'",
    });
  });
});

describe('text', () => {
  const opts: TextOptions = {
    maxBytes: 5,
    fixedChar: false,
    truncateColumns: false,
    emptyAsNull: false,
    blanksAsNull: false,
    trimBlanks: false,
  };

  test('length counts UTF-8 bytes: 1204 unless TRUNCATECOLUMNS, which cuts on a character boundary', () => {
    expect(toText('héllo', { ...opts, maxBytes: 6 })).toBe('héllo');
    expect(failure(() => toText('héllo', opts))).toMatchObject({
      code: 1204,
      reason: 'String length exceeds DDL length',
    });
    expect(toText('héllo', { ...opts, truncateColumns: true })).toBe('héll');
    expect(truncateToBytes('aé🎵', 5)).toBe('aé');
    expect(truncateToBytes('aé🎵', 7)).toBe('aé🎵');
  });

  test('EMPTYASNULL, BLANKSASNULL, TRIMBLANKS', () => {
    expect(toText('', opts)).toBe('');
    expect(toText('', { ...opts, emptyAsNull: true })).toBeNull();
    expect(toText('  ', opts)).toBe('  ');
    expect(toText('  ', { ...opts, blanksAsNull: true })).toBeNull();
    expect(toText('ab  ', { ...opts, trimBlanks: true })).toBe('ab');
  });

  test('invalid UTF-8: 1220, or one replacement per bad byte with ACCEPTINVCHARS', () => {
    const s = decodeUtf8Escaped(Buffer.from([0x61, 0xe9, 0x62, 0xff, 0xfe]));
    expect(failure(() => toText(s, { ...opts, maxBytes: 10 }))).toMatchObject({
      code: 1220,
      reason: 'String contains invalid or unsupported UTF8 codepoints. Bad UTF8 hex sequence: e9 (error 3)',
      position: 1,
    });
    expect(toText(s, { ...opts, maxBytes: 10, acceptInvChars: '^' })).toBe('a^b^^');
    expect(toText('x\ud800y', { ...opts, acceptInvChars: '?' })).toBe('x?y');
  });

  test('CHAR refuses multibyte characters', () => {
    expect(failure(() => toText('é', { ...opts, fixedChar: true })).code).toBe(1220);
  });
});

describe('timestamps and dates', () => {
  test('epochmillisecs / epochsecs read numbers exactly', () => {
    expect(timestampConverter('epochmillisecs', false)('1541105830796')).toBe('2018-11-01 20:57:10.796000');
    expect(timestampConverter('epochsecs', false)('1541105830.123456')).toBe('2018-11-01 20:57:10.123456');
    expect(timestampConverter('epochsecs', true)('0')).toBe('1970-01-01 00:00:00+00');
    expect(failure(() => timestampConverter('epochmillisecs', false)('2018-11-01')).code).toBe(1206);
  });

  test('default format with fractional seconds; bad values are 1206', () => {
    const conv = timestampConverter(undefined, false);
    expect(conv('2018-11-01 20:57:10')).toBe('2018-11-01 20:57:10');
    expect(conv('2018-11-01 20:57:10.5')).toBe('2018-11-01 20:57:10.500000');
    expect(failure(() => conv('2018-13-01 00:00:00'))).toEqual({
      code: 1206,
      reason: 'Error in Timestamp value or format [%Y-%m-%d %H:%M:%S]',
      position: 0,
    });
    expect(failure(() => conv('1541105830796')).code).toBe(1206);
  });

  test("'auto' reads ISO with zone, US and month-name layouts, not epochs", () => {
    const conv = timestampConverter('auto', true);
    expect(conv('2018-11-01T20:57:10Z')).toBe('2018-11-01 20:57:10+00');
    expect(conv('2018-11-01T22:57:10+02:00')).toBe('2018-11-01 20:57:10+00');
    expect(conv('11/01/2018 20:57:10')).toBe('2018-11-01 20:57:10+00');
    expect(conv('Nov 1, 2018')).toBe('2018-11-01 00:00:00+00');
    expect(failure(() => conv('1541105830796')).code).toBe(1206);
  });

  test('custom TIMEFORMAT and DATEFORMAT', () => {
    expect(timestampConverter('DD/MM/YYYY HH12:MI:SS AM', false)('01/11/2018 08:57:10 PM')).toBe('2018-11-01 20:57:10');
    expect(dateConverter('MM-DD-YYYY')('11-30-2018')).toBe('2018-11-30');
    expect(dateConverter(undefined)('2018-02-28')).toBe('2018-02-28');
    expect(failure(() => dateConverter(undefined)('2018-02-30'))).toMatchObject({
      code: 1205,
      reason: 'Error in Date value or format [%Y-%m-%d]',
    });
    expect(dateConverter('auto')('2018/11/30')).toBe('2018-11-30');
  });
});
