/**
 * Condition operators, as the IAM User Guide defines them ("IAM JSON policy elements: Condition
 * operators", "Single-valued vs. multivalued context keys", "...IfExists condition operators",
 * "Condition operator to check existence of condition keys"):
 * - every operator of a Condition block must hold (AND), every key of an operator must hold
 *   (AND), and a key holds if the request value matches any of the listed values (OR);
 * - a key absent from the request makes the condition false, except for the negated operators
 *   (StringNotEquals, StringNotLike, ArnNotLike, ...), which are then true, `...IfExists`, which
 *   is then true, and `Null`, which tests exactly that;
 * - `ForAnyValue:` holds if at least one request value matches (false when the key is absent or
 *   empty); `ForAllValues:` holds if every request value matches (true when absent or empty).
 */
import { arnMatches, literalAwareMatch, substituteVariables, UNRESOLVED } from './matching';
import type { RequestContext } from './request-context';

/** An operator this evaluator does not implement: fail loudly rather than guess. */
export class UnsupportedConditionOperatorError extends Error {
  constructor(readonly operator: string) {
    super(`condition operator ${operator} is not supported by the local IAM evaluator`);
    this.name = 'UnsupportedConditionOperatorError';
  }
}

type Compare = (policyValue: string, requestValue: string) => boolean;

interface OperatorSpec {
  compare: Compare;
  negated: boolean;
}

const numeric =
  (f: (p: number, r: number) => boolean): Compare =>
  (p, r) => {
    const [a, b] = [Number(p), Number(r)];
    return !Number.isNaN(a) && !Number.isNaN(b) && f(a, b);
  };

/** Dates are ISO 8601 or epoch seconds ("Date condition operators"). */
const toTime = (v: string): number => (/^\d+$/.test(v) ? Number(v) * 1000 : Date.parse(v));
const date =
  (f: (p: number, r: number) => boolean): Compare =>
  (p, r) => {
    const [a, b] = [toTime(p), toTime(r)];
    return !Number.isNaN(a) && !Number.isNaN(b) && f(a, b);
  };

function ipv4(text: string): number | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  return octets.reduce((acc, o) => acc * 256 + o, 0);
}

/** IPv4 CIDR (`203.0.113.0/24`) or a single address; IPv6 is listed as not reproduced. */
const inCidr: Compare = (p, r) => {
  const [base, bits = '32'] = p.split('/');
  const [b, a] = [ipv4(base), ipv4(r)];
  if (b === undefined || a === undefined) return false;
  const size = 2 ** (32 - Number(bits));
  return Math.floor(a / size) === Math.floor(b / size);
};

const exact: Compare = (p, r) => p === r;
const ignoreCase: Compare = (p, r) => p.toLowerCase() === r.toLowerCase();
const like: Compare = (p, r) => literalAwareMatch(p, r);
const bool: Compare = (p, r) => p.toLowerCase() === r.toLowerCase();

const OPERATORS: Record<string, OperatorSpec> = {
  StringEquals: { compare: exact, negated: false },
  StringNotEquals: { compare: exact, negated: true },
  StringEqualsIgnoreCase: { compare: ignoreCase, negated: false },
  StringNotEqualsIgnoreCase: { compare: ignoreCase, negated: true },
  StringLike: { compare: like, negated: false },
  StringNotLike: { compare: like, negated: true },
  NumericEquals: { compare: numeric((p, r) => r === p), negated: false },
  NumericNotEquals: { compare: numeric((p, r) => r === p), negated: true },
  NumericLessThan: { compare: numeric((p, r) => r < p), negated: false },
  NumericLessThanEquals: { compare: numeric((p, r) => r <= p), negated: false },
  NumericGreaterThan: { compare: numeric((p, r) => r > p), negated: false },
  NumericGreaterThanEquals: { compare: numeric((p, r) => r >= p), negated: false },
  DateEquals: { compare: date((p, r) => r === p), negated: false },
  DateNotEquals: { compare: date((p, r) => r === p), negated: true },
  DateLessThan: { compare: date((p, r) => r < p), negated: false },
  DateLessThanEquals: { compare: date((p, r) => r <= p), negated: false },
  DateGreaterThan: { compare: date((p, r) => r > p), negated: false },
  DateGreaterThanEquals: { compare: date((p, r) => r >= p), negated: false },
  Bool: { compare: bool, negated: false },
  BinaryEquals: { compare: exact, negated: false },
  IpAddress: { compare: inCidr, negated: false },
  NotIpAddress: { compare: inCidr, negated: true },
  ArnEquals: { compare: (p, r) => arnMatches(p, r), negated: false },
  ArnLike: { compare: (p, r) => arnMatches(p, r), negated: false },
  ArnNotEquals: { compare: (p, r) => arnMatches(p, r), negated: true },
  ArnNotLike: { compare: (p, r) => arnMatches(p, r), negated: true },
};

interface ParsedOperator {
  set?: 'ForAnyValue' | 'ForAllValues';
  ifExists: boolean;
  base: string;
}

function parseOperator(operator: string): ParsedOperator {
  const setMatch = /^(ForAnyValue|ForAllValues):(.+)$/.exec(operator);
  const set = setMatch?.[1] as ParsedOperator['set'];
  let base = setMatch ? setMatch[2] : operator;
  const ifExists = base.endsWith('IfExists');
  if (ifExists) base = base.slice(0, -'IfExists'.length);
  if (base !== 'Null' && !(base in OPERATORS)) throw new UnsupportedConditionOperatorError(operator);
  if (base === 'Null' && (ifExists || set)) throw new UnsupportedConditionOperatorError(operator);
  return { set, ifExists, base };
}

/** Throws UnsupportedConditionOperatorError for an operator the evaluator does not know. */
export function checkOperator(operator: string): void {
  parseOperator(operator);
}

function isAbsent(value: string | string[] | undefined): value is undefined {
  return value === undefined;
}

/** One operator on one key. */
function keyHolds(operator: string, key: string, policyValues: string[], context: RequestContext, vars: boolean) {
  const op = parseOperator(operator);
  const value = context.get(key);
  if (op.base === 'Null') {
    const absent = isAbsent(value) || (Array.isArray(value) && value.length === 0);
    return policyValues.some((v) => (v.toLowerCase() === 'true') === absent);
  }
  const spec = OPERATORS[op.base];
  const patterns = policyValues
    .map((v) => (vars ? substituteVariables(v, context) : v))
    .filter((v): v is string => v !== UNRESOLVED);
  const matchesAny = (requestValue: string): boolean => patterns.some((p) => spec.compare(p, requestValue));
  const valueHolds = (requestValue: string): boolean =>
    spec.negated ? !matchesAny(requestValue) : matchesAny(requestValue);

  if (op.set) {
    const values = isAbsent(value) ? [] : Array.isArray(value) ? value : [value];
    if (values.length === 0) return op.set === 'ForAllValues' || op.ifExists;
    return op.set === 'ForAnyValue' ? values.some(valueHolds) : values.every(valueHolds);
  }
  if (isAbsent(value)) return op.ifExists || spec.negated;
  // A multivalued key under a single-valued operator: any value matching counts (negated: none).
  if (Array.isArray(value)) return spec.negated ? !value.some(matchesAny) : value.some(matchesAny);
  return valueHolds(value);
}

/** The whole Condition element of a statement holds for this request. */
export function conditionHolds(
  condition: Record<string, Record<string, string[]>>,
  context: RequestContext,
  variables: boolean,
): boolean {
  for (const [operator, keys] of Object.entries(condition)) {
    for (const [key, values] of Object.entries(keys)) {
      if (!keyHolds(operator, key, values, context, variables)) return false;
    }
  }
  return true;
}
