/**
 * Condition operators, one documented rule per case. Sources (IAM User Guide):
 * [OPS] "IAM JSON policy elements: Condition operators",
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * [MV]  "Single-valued vs. multivalued context keys",
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 * [COND] "IAM JSON policy elements: Condition" (AND across operators and keys, OR across values).
 */
import { checkOperator, conditionHolds, UnsupportedConditionOperatorError } from '../../../../local/iam/conditions';
import { RequestContext } from '../../../../local/iam/request-context';

const holds = (condition: Record<string, Record<string, string | string[]>>, ctx: Record<string, string | string[]>) =>
  conditionHolds(
    Object.fromEntries(
      Object.entries(condition).map(([op, keys]) => [
        op,
        Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, Array.isArray(v) ? v : [v]])),
      ]),
    ),
    new RequestContext(ctx),
    true,
  );

describe('block logic [COND]', () => {
  test('values of one key are ORed', () => {
    expect(holds({ StringLike: { 's3:prefix': ['log_data/*', 'song_data/*'] } }, { 's3:prefix': 'song_data/A/' })).toBe(
      true,
    );
  });
  test('keys and operators are ANDed', () => {
    const c = {
      ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::ingest' },
      StringEquals: { 'aws:SourceAccount': '123456789012' },
    };
    expect(holds(c, { 'aws:SourceArn': 'arn:aws:s3:::ingest', 'aws:SourceAccount': '123456789012' })).toBe(true);
    expect(holds(c, { 'aws:SourceArn': 'arn:aws:s3:::ingest', 'aws:SourceAccount': '999999999999' })).toBe(false);
  });
  test('condition key names are case-insensitive', () => {
    expect(
      holds({ StringEquals: { 'AWS:SourceAccount': '123456789012' } }, { 'aws:sourceaccount': '123456789012' }),
    ).toBe(true);
  });
});

describe('string operators [OPS]', () => {
  test('StringEquals is exact and case-sensitive', () => {
    expect(holds({ StringEquals: { 'sts:RoleSessionName': 'Copy' } }, { 'sts:RoleSessionName': 'copy' })).toBe(false);
  });
  test('StringEqualsIgnoreCase ignores case', () => {
    expect(holds({ StringEqualsIgnoreCase: { k: 'Copy' } }, { k: 'copy' })).toBe(true);
  });
  test('StringLike takes * and ?', () => {
    expect(holds({ StringLike: { 's3:prefix': 'log_data/*' } }, { 's3:prefix': 'log_data/2018/' })).toBe(true);
    expect(holds({ StringLike: { 's3:prefix': 'log_data/*' } }, { 's3:prefix': 'manifests/' })).toBe(false);
  });
  test('StringNotEquals holds when the value matches none of the listed values', () => {
    expect(holds({ StringNotEquals: { k: ['a', 'b'] } }, { k: 'c' })).toBe(true);
    expect(holds({ StringNotEquals: { k: ['a', 'b'] } }, { k: 'b' })).toBe(false);
  });
});

describe('ARN, Bool, numeric operators [OPS]', () => {
  test('ArnLike compares the six components separately, each with wildcards', () => {
    expect(
      holds({ ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::ingest-*' } }, { 'aws:SourceArn': 'arn:aws:s3:::ingest-dev' }),
    ).toBe(true);
    expect(
      holds(
        { ArnLike: { 'aws:SourceArn': 'arn:aws:states:*:*:stateMachine:x' } },
        { 'aws:SourceArn': 'arn:aws:states:us-east-1:1:stateMachine:x' },
      ),
    ).toBe(true);
    expect(
      holds({ ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::ingest' } }, { 'aws:SourceArn': 'arn:aws:s3:::other' }),
    ).toBe(false);
  });
  test('ArnEquals behaves like ArnLike', () => {
    expect(
      holds({ ArnEquals: { 'aws:SourceArn': 'arn:aws:s3:::in*' } }, { 'aws:SourceArn': 'arn:aws:s3:::ingest' }),
    ).toBe(true);
  });
  test('Bool compares true/false', () => {
    expect(holds({ Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': 'true' })).toBe(true);
    expect(holds({ Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': 'false' })).toBe(false);
  });
  test('NumericLessThanEquals compares numbers', () => {
    expect(holds({ NumericLessThanEquals: { 's3:max-keys': '1000' } }, { 's3:max-keys': '10' })).toBe(true);
    expect(holds({ NumericLessThanEquals: { 's3:max-keys': '1000' } }, { 's3:max-keys': '1001' })).toBe(false);
  });
});

describe('keys absent from the request [OPS]', () => {
  test('a positive operator is false', () => {
    expect(holds({ StringLike: { 's3:prefix': 'log_data/*' } }, {})).toBe(false);
    expect(holds({ ArnLike: { 'aws:SourceArn': '*' } }, {})).toBe(false);
  });
  test('a negated operator is true ("the right key is not present, the condition is true")', () => {
    expect(holds({ StringNotEquals: { 'aws:SourceAccount': '123456789012' } }, {})).toBe(true);
    expect(holds({ ArnNotLike: { 'aws:SourceArn': 'arn:aws:s3:::x' } }, {})).toBe(true);
  });
  test('...IfExists is true when the key is absent, and otherwise the base operator', () => {
    expect(holds({ StringEqualsIfExists: { 'aws:SourceAccount': '1' } }, {})).toBe(true);
    expect(holds({ StringEqualsIfExists: { 'aws:SourceAccount': '1' } }, { 'aws:SourceAccount': '2' })).toBe(false);
  });
  test('Null: "true" holds when the key is absent, "false" when it is present', () => {
    expect(holds({ Null: { 's3:prefix': 'true' } }, {})).toBe(true);
    expect(holds({ Null: { 's3:prefix': 'false' } }, {})).toBe(false);
    expect(holds({ Null: { 's3:prefix': 'false' } }, { 's3:prefix': '' })).toBe(true);
  });
});

describe('set operators on multivalued keys [MV]', () => {
  test('ForAnyValue: at least one request value matches', () => {
    expect(holds({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } }, { 'aws:TagKeys': ['env', 'team'] })).toBe(
      true,
    );
    expect(holds({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } }, { 'aws:TagKeys': ['env'] })).toBe(false);
  });
  test('ForAllValues: every request value matches', () => {
    expect(holds({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] } }, { 'aws:TagKeys': ['env'] })).toBe(
      true,
    );
    expect(holds({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] } }, { 'aws:TagKeys': ['env', 'x'] })).toBe(
      false,
    );
  });
  test('absent or empty key: ForAllValues is true, ForAnyValue is false', () => {
    expect(holds({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] } }, {})).toBe(true);
    expect(holds({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env'] } }, {})).toBe(false);
    expect(holds({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] } }, { 'aws:TagKeys': [] })).toBe(true);
  });
});

describe('unknown operators fail by name', () => {
  test('a misspelt operator', () => {
    expect(() => checkOperator('StringEqual')).toThrow(new UnsupportedConditionOperatorError('StringEqual'));
  });
  test('Null takes no IfExists', () => {
    expect(() => checkOperator('NullIfExists')).toThrow(
      'condition operator NullIfExists is not supported by the local IAM evaluator',
    );
  });
});
