import type { Context } from 'aws-lambda';
import { Counters } from '../../../local/counters';
import { createLambdaInvoker, UnknownFunctionError } from '../../../local/lambda/runtime';

describe('createLambdaInvoker', () => {
  it('invokes the named handler with a copy of the event and a realistic context', async () => {
    const counters = new Counters();
    let seen: { event: unknown; context: Context } | undefined;
    const event = { batchId: 'b-1', at: new Date('2026-01-01T00:00:00Z') };
    const invoke = createLambdaInvoker({
      counters,
      region: 'eu-west-1',
      accountId: '111122223333',
      handlers: {
        submitCopy: async (e, context) => {
          seen = { event: e, context };
          return { ok: true, remaining: context.getRemainingTimeInMillis() };
        },
      },
    });

    const result = (await invoke('submitCopy', event)) as { ok: boolean; remaining: number };

    expect(result.ok).toBe(true);
    expect(result.remaining).toBeGreaterThan(0);
    expect(seen!.event).toEqual({ batchId: 'b-1', at: '2026-01-01T00:00:00.000Z' });
    expect(seen!.context).toMatchObject({
      functionName: 'submitCopy',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:submitCopy',
      logGroupName: '/aws/lambda/submitCopy',
    });
    expect(seen!.context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(counters.get('lambda.invocations')).toBe(1);
  });

  it('rethrows handler errors with their name', async () => {
    const invoke = createLambdaInvoker({
      handlers: {
        transform: async () => {
          const err = new Error('statement failed');
          err.name = 'StatementFailedError';
          throw err;
        },
      },
    });

    await expect(invoke('transform', {})).rejects.toMatchObject({
      name: 'StatementFailedError',
      message: 'statement failed',
    });
  });

  it('names the unknown function', async () => {
    const invoke = createLambdaInvoker({ handlers: { a: async () => null } });

    await expect(invoke('missing', {})).rejects.toBeInstanceOf(UnknownFunctionError);
    await expect(invoke('missing', {})).rejects.toThrow(/"missing"/);
  });
});
