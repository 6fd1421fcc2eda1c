import { dateConverter, timestampConverter } from './convert-datetime';
import { toBoolean, toFloat, toInteger, toNumeric } from './convert-number';
import { type TextOptions, toText } from './convert-text';
import type { CopyCommand } from './copy-command';
import { FieldConversionError } from './field-error';
import { fieldText, type JsonValue } from './json-value';
import type { TableColumn } from './table-columns';

/** Turns one JSON field into the text of a CSV field, or null for SQL NULL. Throws FieldConversionError. */
export type FieldConverter = (v: JsonValue) => string | null;

/**
 * Build the converter for one target column, following Redshift's COPY data conversion rules:
 * an empty value loads as NULL into any non-character column; CHAR/VARCHAR honour EMPTYASNULL,
 * BLANKSASNULL, TRUNCATECOLUMNS, TRIMBLANKS and ACCEPTINVCHARS; dates and times follow
 * DATEFORMAT/TIMEFORMAT. Types the emulator does not model pass through as text.
 */
export function buildFieldConverter(col: TableColumn, cmd: CopyCommand): FieldConverter {
  const typed =
    (convert: (raw: string) => string): FieldConverter =>
    (v) => {
      const raw = fieldText(v);
      return raw === null || raw === '' ? null : convert(raw);
    };
  const anyDate = (convert: (raw: string) => string): ((raw: string) => string | null) =>
    cmd.acceptAnyDate
      ? (raw) => {
          try {
            return convert(raw);
          } catch (e) {
            if (e instanceof FieldConversionError) return null;
            throw e;
          }
        }
      : convert;
  switch (col.type) {
    case 'int2':
    case 'int4':
    case 'int8': {
      const kind = col.type;
      return typed((raw) => toInteger(raw, kind));
    }
    case 'float4':
    case 'float8': {
      const kind = col.type;
      return typed((raw) => toFloat(raw, kind));
    }
    case 'numeric':
      return typed((raw) => toNumeric(raw, col.precision, col.scale, cmd.roundDec));
    case 'bool':
      return typed(toBoolean);
    case 'timestamp':
    case 'timestamptz': {
      const convert = anyDate(timestampConverter(cmd.timeFormat, col.type === 'timestamptz'));
      return (v) => {
        const raw = fieldText(v);
        return raw === null || raw === '' ? null : convert(raw);
      };
    }
    case 'date': {
      const convert = anyDate(dateConverter(cmd.dateFormat));
      return (v) => {
        const raw = fieldText(v);
        return raw === null || raw === '' ? null : convert(raw);
      };
    }
    case 'varchar':
    case 'bpchar':
    case 'text': {
      const opts: TextOptions = {
        maxBytes: col.length,
        fixedChar: col.type === 'bpchar',
        truncateColumns: cmd.truncateColumns,
        emptyAsNull: cmd.emptyAsNull,
        blanksAsNull: cmd.blanksAsNull,
        trimBlanks: cmd.trimBlanks,
        acceptInvChars: cmd.acceptInvChars,
      };
      return (v) => {
        const raw = fieldText(v);
        return raw === null ? null : toText(raw, opts);
      };
    }
    default:
      // SUPER-like or other types: pass the text through, still refusing bytes PG cannot store.
      return (v) => {
        const raw = fieldText(v);
        return raw === null || raw === ''
          ? null
          : toText(raw, { ...passThroughText, acceptInvChars: cmd.acceptInvChars });
      };
  }
}

const passThroughText: TextOptions = {
  fixedChar: false,
  truncateColumns: false,
  emptyAsNull: false,
  blanksAsNull: false,
  trimBlanks: false,
};
