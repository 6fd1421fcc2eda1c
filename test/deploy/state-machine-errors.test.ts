/**
 * The state machine's error handling against what the services really raise: every name in a
 * Retry or Catch is one the task can produce (the Data API's modeled exceptions for that very
 * operation, read from the SDK's own command declarations; the Lambda service errors Step
 * Functions documents; the names of shared/errors.ts), States.Timeout only with TimeoutSeconds,
 * and the poll loops wait, cancel and fail as their comments say. No packaging: the source ASL.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { cloudFormationTags } from '../../local/stepfunctions/cfn-yaml-tags';
import * as errors from '../../shared/errors';
import { repoRoot } from './package-once';

// biome-ignore lint/suspicious/noExplicitAny: ASL is free-form JSON, read by path in assertions
type Json = any;

const definition: Json = parseYaml(readFileSync(join(repoRoot, 'statemachine', 'ingest.asl.yml'), 'utf8'), {
  customTags: cloudFormationTags,
});
const states = Object.entries(definition.States as Record<string, Json>);
const tasks = states.filter(([, s]) => s.Type === 'Task');

/** The exceptions an SDK command declares (`@throws {@link XException}` in its .d.ts). */
function modeledExceptions(command: string): string[] {
  const file = join(
    repoRoot,
    'node_modules',
    '@aws-sdk',
    'client-redshift-data',
    'dist-types',
    'commands',
    `${command}Command.d.ts`,
  );
  const names = [...readFileSync(file, 'utf8').matchAll(/@throws \{@link (\w+)\}/g)].map((m) => m[1]);
  return names.filter((n) => n !== 'RedshiftDataServiceException');
}

/**
 * Step Functions Developer Guide, "Handling errors in Step Functions workflows": the errors the
 * Lambda service itself raises when invoking a function, and Lambda.Unknown for a function that
 * crashed, ran out of memory or timed out.
 */
const LAMBDA_SERVICE_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.Unknown',
];
/**
 * Step Functions Developer Guide, "Integrating services with AWS SDK integrations": an error the
 * service model does not name (throttling, for the Data API) is `<Service>.<Service>Exception`.
 */
const UNMODELED_REDSHIFT_DATA = 'RedshiftData.RedshiftDataException';

/**
 * The names the handlers can throw: every named error class of shared/errors.ts (but
 * RedshiftDataTaskError, whose names are the SDK integration's, checked per operation below).
 */
const handlerErrorNames = (): string[] =>
  (Object.values(errors) as unknown[])
    .filter((v) => typeof v === 'function' && v !== errors.RedshiftDataTaskError)
    .map((Ctor) => new (Ctor as new (m: string, id: string) => Error)('x', 'id').name)
    .filter((n) => n !== 'IngestError');

/** The Lambda tasks that stand in for an aws-sdk:redshiftdata task when the warehouse is in another region. */
const isPollStatement = (s: Json): boolean => s.Resource?.['Fn::GetAtt']?.[0] === 'pollStatement';

function namesOf(state: Json): string[] {
  return [...(state.Retry ?? []), ...(state.Catch ?? [])].flatMap((r: Json) => r.ErrorEquals as string[]);
}

describe('every Retry/Catch name is one the task can raise', () => {
  test('Data API tasks: modeled exceptions of that operation, the unmodeled name, or States.*', () => {
    const sdk = tasks.filter(([, s]) => String(s.Resource).includes(':aws-sdk:redshiftdata:'));
    expect(sdk.map(([n]) => n).sort()).toEqual(['CancelCopy', 'CancelTransform', 'DescribeCopy', 'DescribeTransform']);
    for (const [name, state] of sdk) {
      const action = String(state.Resource).split(':').pop() as string;
      const command = `${action.charAt(0).toUpperCase()}${action.slice(1)}`;
      const allowed = new Set([
        ...modeledExceptions(command).map((e) => `RedshiftData.${e}`),
        UNMODELED_REDSHIFT_DATA,
        'States.ALL',
        'States.Timeout',
        'States.TaskFailed',
      ]);
      const unknown = namesOf(state).filter((n) => !allowed.has(n));
      expect({ state: name, unknown }).toEqual({ state: name, unknown: [] });
    }
  });

  test('the names the old definition used and the SDK integration never raises are gone', () => {
    const all = tasks.flatMap(([, s]) => namesOf(s));
    expect(all).not.toContain('RedshiftData.ThrottlingException');
    // DescribeStatement does not declare it (a lost connection fails the statement instead).
    const describe = tasks.filter(([n]) => n.startsWith('Describe')).flatMap(([, s]) => namesOf(s));
    expect(describe).not.toContain('RedshiftData.DatabaseConnectionException');
    expect(modeledExceptions('DescribeStatement')).not.toContain('DatabaseConnectionException');
  });

  test('Lambda tasks: shared/errors.ts names, documented Lambda service errors, or States.*', () => {
    const lambdas = tasks.filter(([, s]) => !String(s.Resource).includes(':aws-sdk:') && !isPollStatement(s));
    expect(lambdas.length).toBe(4);
    const allowed = new Set([...handlerErrorNames(), ...LAMBDA_SERVICE_ERRORS, 'States.ALL', 'States.Timeout']);
    for (const [name, state] of lambdas) {
      const unknown = namesOf(state).filter((n) => !allowed.has(n));
      expect({ state: name, unknown }).toEqual({ state: name, unknown: [] });
      // Every transient Lambda service error is retried, Lambda.ClientExecutionTimeoutException included.
      const retried = (state.Retry as Json[]).flatMap((r) => r.ErrorEquals);
      for (const e of LAMBDA_SERVICE_ERRORS)
        expect({ state: name, e, retried: retried.includes(e) }).toEqual({ state: name, e, retried: true });
    }
  });

  test('pollStatement tasks: the names of the SDK task each stands for, plus its own and the Lambda service errors', () => {
    const poll = tasks.filter(([, s]) => isPollStatement(s));
    expect(poll.map(([n]) => n).sort()).toEqual([
      'CancelCopyCrossRegion',
      'CancelTransformCrossRegion',
      'DescribeCopyCrossRegion',
      'DescribeTransformCrossRegion',
    ]);
    for (const [name, state] of poll) {
      const twin = definition.States[name.replace(/CrossRegion$/, '')];
      const action = String(twin.Resource).split(':').pop() as string;
      // The Lambda is told which operation it stands for, with the SDK task's own parameters.
      expect(state.Parameters).toEqual({
        Action: `${action.charAt(0).toUpperCase()}${action.slice(1)}`,
        ...twin.Parameters,
      });
      const allowed = new Set([
        ...modeledExceptions(state.Parameters.Action).map((e) => `RedshiftData.${e}`),
        UNMODELED_REDSHIFT_DATA,
        'TransientDataApiError',
        ...LAMBDA_SERVICE_ERRORS,
        'States.ALL',
        'States.Timeout',
      ]);
      const unknown = namesOf(state).filter((n) => !allowed.has(n));
      expect({ state: name, unknown }).toEqual({ state: name, unknown: [] });
      // Same handling as the SDK task: its retried names and more, same catcher, same result.
      const retried = (state.Retry as Json[]).flatMap((r) => r.ErrorEquals);
      expect(retried).toEqual(
        expect.arrayContaining([
          ...(twin.Retry as Json[]).flatMap((r) => r.ErrorEquals),
          'TransientDataApiError',
          ...LAMBDA_SERVICE_ERRORS,
        ]),
      );
      const { IntervalSeconds, MaxAttempts, BackoffRate, MaxDelaySeconds } = twin.Retry[0];
      expect(state.Retry[0]).toMatchObject({ IntervalSeconds, MaxAttempts, BackoffRate, MaxDelaySeconds });
      expect(state.Catch).toEqual(twin.Catch);
      expect({ ResultSelector: state.ResultSelector, ResultPath: state.ResultPath, Next: state.Next }).toEqual({
        ResultSelector: twin.ResultSelector,
        ResultPath: twin.ResultPath,
        Next: twin.Next,
      });
      // The function runs as the warehouse role itself: no Credentials to assume.
      expect(state.Credentials).toBeUndefined();
    }
  });

  test('the Transient* errors of shared/errors.ts are the ones the Lambda tasks retry', () => {
    const transient = handlerErrorNames().filter((n) => n.startsWith('Transient'));
    expect(transient.sort()).toEqual(['TransientDataApiError', 'TransientServiceError']);
    for (const [, state] of tasks.filter(([, s]) => !String(s.Resource).includes(':aws-sdk:') && !isPollStatement(s))) {
      expect((state.Retry as Json[])[0].ErrorEquals).toEqual(expect.arrayContaining(transient));
    }
  });
});

describe('time-outs', () => {
  test('a task that retries States.Timeout sets TimeoutSeconds', () => {
    const offenders = tasks.filter(([, s]) => namesOf(s).includes('States.Timeout') && !s.TimeoutSeconds);
    expect(offenders.map(([n]) => n)).toEqual([]);
  });

  test("a Lambda task's TimeoutSeconds exceeds its function's timeout (States.Timeout = no answer at all)", () => {
    const yml = readFileSync(join(repoRoot, 'serverless.yml'), 'utf8');
    for (const [name, state] of tasks.filter(([, s]) => s.Resource?.['Fn::GetAtt'])) {
      const fn = state.Resource['Fn::GetAtt'][0] as string;
      const block = new RegExp(`\\n  ${fn}:\\n(?:    .*\\n)*?    timeout: (\\d+)`).exec(yml);
      expect({ name, found: block !== null }).toEqual({ name, found: true });
      expect(state.TimeoutSeconds).toBeGreaterThan(Number(block?.[1]));
    }
  });
});

describe('poll loops', () => {
  test.each([
    ['NextCopyPoll', 'CopyStatus', 'CancelCopy', 'CopyPollTimedOut'],
    ['NextTransformPoll', 'TransformStatus', 'CancelTransform', 'TransformPollTimedOut'],
  ])('%s waits schedule[attempt + 1]; past the cap %s cancels (%s) before failing', (next, choice, cancel, fail) => {
    const st = definition.States;
    // attempt is n when NextPoll runs: the wait before poll n+1 is schedule[n+1], not schedule[n] again.
    expect(st[next].Parameters['wait.$']).toBe(
      'States.ArrayGetItem($.poll.schedule, States.MathAdd($.poll.attempt, 1))',
    );
    expect(st[next].Parameters['attempt.$']).toBe('States.MathAdd($.poll.attempt, 1)');
    const capped = (st[choice].Choices as Json[]).find((c) => c.NumericGreaterThanEqualsPath === '$.poll.maxAttempts');
    expect(capped.Next).toBe(cancel);
    expect(st[cancel].Resource).toBe('arn:aws:states:::aws-sdk:redshiftdata:cancelStatement');
    expect(st[cancel].Next).toBe(fail);
    // A statement that finished meanwhile cannot be cancelled: still the time-out failure.
    expect(st[cancel].Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: null, Next: fail }]);
    expect(st[fail]).toMatchObject({ Type: 'Fail', Error: 'PollTimeoutError' });
  });

  test.each([
    ['CopyPollRoute', 'WaitForCopy', 'DescribeCopy', 'CopyStatus', 'CancelCopy', 'NextCopyPoll'],
    [
      'TransformPollRoute',
      'WaitForTransform',
      'DescribeTransform',
      'TransformStatus',
      'CancelTransform',
      'NextTransformPoll',
    ],
  ])(
    '%s: the SDK task by default, pollStatement when $.poll.crossRegion',
    (route, wait, describe, choice, cancel, next) => {
      const st = definition.States;
      expect(st[wait].Next).toBe(route);
      expect(st[route]).toMatchObject({
        Type: 'Choice',
        Choices: [{ Variable: '$.poll.crossRegion', BooleanEquals: true, Next: `${describe}CrossRegion` }],
        Default: describe,
      });
      // Past the cap, the cancel takes the same path as the poll; the cross-region rule comes first.
      const rules = st[choice].Choices as Json[];
      const capped = rules.findIndex((c) => c.NumericGreaterThanEqualsPath === '$.poll.maxAttempts');
      const crossCapped = rules.findIndex((c) => c.Next === `${cancel}CrossRegion`);
      expect(crossCapped).toBeGreaterThanOrEqual(0);
      expect(crossCapped).toBeLessThan(capped);
      expect(rules[crossCapped].And).toEqual([
        { Variable: '$.poll.attempt', NumericGreaterThanEqualsPath: '$.poll.maxAttempts' },
        { Variable: '$.poll.crossRegion', BooleanEquals: true },
      ]);
      // The next poll keeps the route.
      expect(st[next].Parameters['crossRegion.$']).toBe('$.poll.crossRegion');
    },
  );

  test('a failed transform waits a jittered, growing backoff before it is resubmitted (serialization conflicts)', () => {
    const st = definition.States;
    const failed = (st.TransformStatus.Choices as Json[]).find((c) => c.Or);
    expect(failed.Next).toBe('TransformBackoff');
    expect(st.TransformBackoff.Parameters['seconds.$']).toMatch(/States\.MathRandom/);
    expect(st.TransformBackoff.Next).toBe('WaitBeforeTransform');
    expect(st.WaitBeforeTransform).toEqual({ Type: 'Wait', SecondsPath: '$.backoff.seconds', Next: 'Transform' });
  });
});
