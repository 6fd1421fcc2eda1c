import { RedshiftDataServiceException, ValidationException } from '@aws-sdk/client-redshift-data';
import { toSdkInput, toSfnOutput } from '../../../local/stepfunctions/sfn-casing';
import { lambdaFailure, sdkFailure } from '../../../local/stepfunctions/task-errors';

describe('Step Functions casing for the Redshift Data SDK integration', () => {
  it('keeps top-level members PascalCase and camel-cases nested SqlParameter members', () => {
    const input = toSdkInput({
      WorkgroupName: 'wg',
      Sql: 'SELECT :a',
      Parameters: [{ Name: 'a', Value: '1' }],
      Sqls: ['SELECT 1'],
    });

    expect(input).toEqual({
      WorkgroupName: 'wg',
      Sql: 'SELECT :a',
      Parameters: [{ name: 'a', value: '1' }],
      Sqls: ['SELECT 1'],
    });
  });

  it('re-cases output keys to PascalCase at every level, drops $metadata, renders dates as ISO', () => {
    const output = toSfnOutput({
      $metadata: { httpStatusCode: 200 },
      Id: 'x',
      CreatedAt: new Date('2026-01-02T03:04:05.678Z'),
      Records: [[{ longValue: 1 }, { isNull: true }, { stringValue: 'a' }]],
      ColumnMetadata: [{ name: 'n', typeName: 'int4', isCaseSensitive: false }],
      SubStatements: [{ status: 'FINISHED', id: 'x:1' }],
      Missing: undefined,
    });

    expect(output).toEqual({
      Id: 'x',
      CreatedAt: '2026-01-02T03:04:05.678Z',
      Records: [[{ LongValue: 1 }, { IsNull: true }, { StringValue: 'a' }]],
      ColumnMetadata: [{ Name: 'n', TypeName: 'int4', IsCaseSensitive: false }],
      SubStatements: [{ Status: 'FINISHED', Id: 'x:1' }],
    });
  });
});

describe('Task error naming', () => {
  it('names a modeled SDK exception RedshiftData.<Name> with the AWS cause format', () => {
    const err = new ValidationException({
      message: 'Sql is required',
      $metadata: { httpStatusCode: 400, requestId: 'req-1' },
    });

    const failure = sdkFailure('RedshiftData', err);

    expect(failure.name).toBe('RedshiftData.ValidationException');
    expect(failure.message).toBe('Sql is required (Service: RedshiftData, Status Code: 400, Request ID: req-1)');
  });

  it('names an exception the model does not declare (throttling) RedshiftData.RedshiftDataException', () => {
    const err = new RedshiftDataServiceException({
      name: 'ThrottlingException',
      $fault: 'client',
      message: 'Rate exceeded',
      $metadata: { httpStatusCode: 400, requestId: 'req-2' },
    });

    const failure = sdkFailure('RedshiftData', err);

    expect(failure.name).toBe('RedshiftData.RedshiftDataException');
    expect(failure.message).toBe('Rate exceeded (Service: RedshiftData, Status Code: 400, Request ID: req-2)');
  });

  it('reports a failure that never reached the service as States.TaskFailed', () => {
    expect(sdkFailure('RedshiftData', new Error('connect ECONNREFUSED')).name).toBe('States.TaskFailed');
  });

  it('turns a Lambda error into its errorType with a Lambda-style JSON cause', () => {
    const err = new Error('no files');
    err.name = 'ManifestEmptyError';

    const failure = lambdaFailure(err);

    expect(failure.name).toBe('ManifestEmptyError');
    expect(JSON.parse(failure.message)).toEqual({ errorType: 'ManifestEmptyError', errorMessage: 'no files' });
  });
});
