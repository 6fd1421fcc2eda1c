import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as errors from '../../../shared/errors';

describe('named errors', () => {
  const classes = Object.entries(errors).filter(([, value]) => typeof value === 'function') as Array<
    [string, new (message: string, ...rest: never[]) => Error]
  >;

  it.each(classes.filter(([name]) => name !== 'IngestError' && name !== 'RedshiftDataTaskError'))(
    '%s is an IngestError whose name is its class name, and forwards the cause',
    (className, ErrorClass) => {
      const cause = new Error('root');
      const err = new (ErrorClass as new (m: string, o: { cause: unknown }) => Error)('boom', { cause });
      expect(err).toBeInstanceOf(errors.IngestError);
      expect(err).toBeInstanceOf(ErrorClass);
      expect(err.name).toBe(className);
      expect(err.message).toBe('boom');
      if (className !== 'StatementFailedError') expect(err.cause).toBe(cause);
    },
  );

  it("RedshiftDataTaskError is named as the SDK integration names the Data API's exception", () => {
    const cause = new Error('root');
    const err = new errors.RedshiftDataTaskError('ResourceNotFoundException', 'Query does not exist.', { cause });
    expect(err).toBeInstanceOf(errors.IngestError);
    expect([err.name, err.exception, err.message, err.cause]).toEqual([
      'RedshiftData.ResourceNotFoundException',
      'ResourceNotFoundException',
      'Query does not exist.',
      cause,
    ]);
  });

  it('StatementFailedError keeps its statement id and cause', () => {
    const cause = new Error('root');
    const err = new errors.StatementFailedError('failed', 'stmt-1', { cause });
    expect([err.name, err.statementId, err.cause]).toEqual(['StatementFailedError', 'stmt-1', cause]);
  });
});

describe('the state machine (statemachine/ingest.asl.yml)', () => {
  const asl = readFileSync(join(__dirname, '../../../statemachine/ingest.asl.yml'), 'utf8');
  /** Every name in ErrorEquals lists and Fail states that is not an AWS or States.* name. */
  const ours = [...asl.matchAll(/\b([A-Z][A-Za-z]+Error)\b/g)].map((m) => m[1]);

  it('matches only error names that shared/errors.ts defines', () => {
    expect(ours.length).toBeGreaterThan(0);
    for (const name of ours) expect(Object.keys(errors)).toContain(name);
  });

  it('retries both transient errors in every Lambda task (pollStatement: the Data API one it can raise)', () => {
    const retries = asl.match(/TransientDataApiError,\s+TransientServiceError,/g) ?? [];
    // A Lambda task's Resource is the function's Fn::GetAtt (Credentials.RoleArn is one too).
    const lambdaTasks = [...asl.matchAll(/Resource:\s+Fn::GetAtt: \[(\w+), Arn\]/g)].map((m) => m[1]);
    const poll = lambdaTasks.filter((fn) => fn === 'pollStatement');
    expect(poll).toHaveLength(4);
    expect(retries.length).toBe(lambdaTasks.length - poll.length);
    // pollStatement reaches only the Data API: TransientDataApiError (right after the RedshiftData.* names).
    const pollRetries = asl.match(/RedshiftData\.RedshiftDataException,\s+TransientDataApiError,\s+Lambda\./g) ?? [];
    expect(pollRetries).toHaveLength(poll.length);
  });
});
