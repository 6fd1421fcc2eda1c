import { withEnvironment } from '../../../../local/lambda/function-env';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('function environment overlay', () => {
  beforeAll(() => {
    process.env.H11_OUTER = 'outer';
    process.env.AWS_ACCESS_KEY_ID = 'process-key';
  });

  it("reads the invocation's variables first, across awaits, and the process's outside", async () => {
    const seen = await withEnvironment(
      { AWS_ACCESS_KEY_ID: 'ASIALOCALBATCHER0000', AWS_LAMBDA_FUNCTION_NAME: 'batcher' },
      async () => {
        await tick();
        return [process.env.AWS_ACCESS_KEY_ID, process.env.AWS_LAMBDA_FUNCTION_NAME, process.env.H11_OUTER];
      },
    );
    expect(seen).toEqual(['ASIALOCALBATCHER0000', 'batcher', 'outer']);
    expect(process.env.AWS_ACCESS_KEY_ID).toBe('process-key');
    expect(process.env.AWS_LAMBDA_FUNCTION_NAME).toBeUndefined();
  });

  it('keeps concurrent invocations of different functions apart', async () => {
    const run = (name: string) =>
      withEnvironment({ AWS_LAMBDA_FUNCTION_NAME: name, AWS_ACCESS_KEY_ID: `key-${name}` }, async () => {
        const before = process.env.AWS_ACCESS_KEY_ID;
        await tick();
        return `${before}/${process.env.AWS_ACCESS_KEY_ID}/${process.env.AWS_LAMBDA_FUNCTION_NAME}`;
      });
    expect(await Promise.all([run('submitCopy'), run('transform')])).toEqual([
      'key-submitCopy/key-submitCopy/submitCopy',
      'key-transform/key-transform/transform',
    ]);
  });

  it('hides a process variable the overlay sets to undefined (in, keys and spread too)', () => {
    process.env.AWS_SESSION_TOKEN = 'outer-token';
    const inside = withEnvironment({ AWS_SESSION_TOKEN: undefined }, () => ({
      value: process.env.AWS_SESSION_TOKEN,
      has: 'AWS_SESSION_TOKEN' in process.env,
      listed: Object.keys(process.env).includes('AWS_SESSION_TOKEN'),
      spread: { ...process.env }.AWS_SESSION_TOKEN,
    }));
    expect(inside).toEqual({ value: undefined, has: false, listed: false, spread: undefined });
    expect(process.env.AWS_SESSION_TOKEN).toBe('outer-token');
    delete process.env.AWS_SESSION_TOKEN;
  });

  it('writes go to the process environment', () => {
    withEnvironment({ AWS_LAMBDA_FUNCTION_NAME: 'replay' }, () => {
      process.env.H11_WRITTEN = 'yes';
    });
    expect(process.env.H11_WRITTEN).toBe('yes');
    delete process.env.H11_WRITTEN;
  });
});
