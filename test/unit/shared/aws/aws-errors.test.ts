import { awsError } from '../../../../shared/aws/aws-errors';
import { AwsServiceError, IngestError, TransientServiceError } from '../../../../shared/errors';

const sdkError = (name: string, status?: number, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status }, ...extra });

describe('awsError', () => {
  it.each([
    ['SlowDown', 503],
    ['ThrottlingException', 400],
    ['InternalError', 500],
    ['SomethingNew', 502],
    ['TooManyRequestsException', 429],
  ])('makes %s (%s) a TransientServiceError the state machine retries', (name, status) => {
    const err = awsError('S3 PutObject', sdkError(name, status));
    expect(err).toBeInstanceOf(TransientServiceError);
    expect(err.name).toBe('TransientServiceError');
    expect(err.message).toBe(`S3 PutObject: ${name}: ${name} happened`);
  });

  it('makes anything else an AwsServiceError that keeps the SDK error as cause', () => {
    const cause = sdkError('AccessDenied', 403);
    const err = awsError('Step Functions StartExecution', cause);
    expect(err).toBeInstanceOf(AwsServiceError);
    expect(err).toBeInstanceOf(IngestError);
    expect(err.name).toBe('AwsServiceError');
    expect(err.cause).toBe(cause);
    expect(err.message).toContain('Step Functions StartExecution: AccessDenied');
  });

  it('copes with errors that are not SDK errors', () => {
    expect(awsError('S3 GetObject', 'socket hang up')).toBeInstanceOf(AwsServiceError);
    expect(awsError('S3 GetObject', undefined).message).toContain('S3 GetObject');
  });
});
