import { prepareDefinition } from '../../../../local/stepfunctions/prepare-definition';

const task = (extra: object) => ({
  Type: 'Task',
  Resource: 'arn:aws:lambda:us-east-1:1:function:f',
  End: true,
  ...extra,
});
const timeoutOf = (extra: object) =>
  (
    prepareDefinition({ StartAt: 'T', States: { T: task(extra) } }).definition.States as Record<
      string,
      { TimeoutSeconds?: number }
    >
  ).T.TimeoutSeconds;

describe('Task timeouts after preparation (what the runner raises States.Timeout on)', () => {
  it('a Task without TimeoutSeconds or HeartbeatSeconds gets no practical timeout (AWS: none; the library: 60 s)', () => {
    expect(timeoutOf({})).toBe(2_000_000);
  });

  it('TimeoutSeconds is kept as written, unscaled by waitScale', () => {
    expect(timeoutOf({ TimeoutSeconds: 330 })).toBe(330);
  });

  it('HeartbeatSeconds bounds the run (no local task sends heartbeats): the smaller limit applies', () => {
    expect(timeoutOf({ HeartbeatSeconds: 20 })).toBe(20);
    expect(timeoutOf({ TimeoutSeconds: 300, HeartbeatSeconds: 60 })).toBe(60);
  });

  it('TimeoutSecondsPath is left to the runner', () => {
    expect(timeoutOf({ TimeoutSecondsPath: '$.t' })).toBeUndefined();
  });
});
