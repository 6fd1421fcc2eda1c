import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  functionLogicalId,
  loadStateMachines,
  ServerlessVariableError,
  StateMachineDefinitionError,
} from '../../../local/stepfunctions/load-definitions';

// biome-ignore lint/suspicious/noExplicitAny: a loaded ASL definition is untyped JSON, read by path in assertions
type Asl = any;

const FIXTURE = join(__dirname, '../../fixtures/stepfunctions/serverless.yml');

describe('loadStateMachines', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'sfn-load-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('loads every machine with names resolved and file includes read (YAML and JSON)', () => {
    const machines = loadStateMachines(FIXTURE);

    expect(Object.keys(machines).sort()).toEqual(['inline', 'lambdaTasks', 'pollStatement']);
    expect(machines.lambdaTasks.name).toBe('sfn-fixture-dev-lambda-tasks');
    expect(machines.pollStatement.name).toBe('sfn-fixture-dev-poll');
    expect(machines.inline.name).toBe('inline');
    expect((machines.pollStatement.definition as Asl).StartAt).toBe('HasParameters');
  });

  it('replaces every form of Fn::GetAtt on a function by a local Lambda ARN', () => {
    const { lambdaTasks, inline } = loadStateMachines(FIXTURE, { region: 'eu-west-1', accountId: '111122223333' });
    const states = (lambdaTasks.definition as Asl).States;
    const arn = (fn: string) => `arn:aws:lambda:eu-west-1:111122223333:function:${fn}`;

    expect(states.Echo.Resource).toBe(arn('echo'));
    expect(states.FlakyLoad.Resource).toBe(arn('flaky-load'));
    expect(states.FailingLoad.Resource).toBe(arn('failing'));
    expect(states.InvokeEcho.Parameters.FunctionName).toBe(arn('echo'));
    expect((inline.definition as Asl).States.Invoke.Parameters.FunctionName).toBe(arn('echo'));
    expect(lambdaTasks.functionArns).toEqual({
      echo: arn('echo'),
      'flaky-load': arn('flaky-load'),
      failing: arn('failing'),
    });
  });

  it('honours an explicit stage', () => {
    expect(loadStateMachines(FIXTURE, { stage: 'prod' }).lambdaTasks.name).toBe('sfn-fixture-prod-lambda-tasks');
  });

  it('names serverless logical ids the way the framework does', () => {
    expect(functionLogicalId('flaky-load')).toBe('FlakyDashloadLambdaFunction');
    expect(functionLogicalId('my_fn')).toBe('MyUnderscorefnLambdaFunction');
  });

  it('fails with a named error on a variable it cannot resolve', () => {
    const path = join(tmp, 'serverless.yml');
    writeFileSync(
      path,
      [
        'service: x',
        'stepFunctions:',
        '  stateMachines:',
        '    m:',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a serverless.yml variable, not a template literal
        '      name: ${ssm:/param}-machine',
        '      definition: { StartAt: A, States: { A: { Type: Succeed } } }',
      ].join('\n'),
    );

    expect(() => loadStateMachines(path)).toThrow(ServerlessVariableError);
    expect(() => loadStateMachines(path)).toThrow(/ssm:\/param/);
  });

  it('fails with a named error when there are no state machines', () => {
    const path = join(tmp, 'empty.yml');
    writeFileSync(path, 'service: x\nresources:\n  Resources:\n    B: { Type: X, Properties: { A: !Ref B } }\n');

    expect(() => loadStateMachines(path)).toThrow(StateMachineDefinitionError);
  });
});
