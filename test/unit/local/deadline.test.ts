import { deadline, WaitTimeoutError } from '../../../local/deadline';

describe('deadline (the cap of the local wait loops)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('passes a result through before the deadline', async () => {
    const limit = deadline('a wait', 1000);
    await expect(limit.race(Promise.resolve('done'), () => 'nothing')).resolves.toBe('done');
    expect(() => limit.check(() => 'nothing')).not.toThrow();
  });

  it('rejects a wait still pending at the deadline, naming what was busy', async () => {
    const limit = deadline('local stack settle', 2000);
    const never = new Promise<void>(() => undefined);
    const raced = limit.race(never, () => 'queue: 3 waiting');
    jest.advanceTimersByTime(2000);
    await expect(raced).rejects.toThrow(new WaitTimeoutError('local stack settle', 2000, 'queue: 3 waiting'));
    await expect(raced).rejects.toThrow('local stack settle did not finish within 2 s; still busy: queue: 3 waiting');
  });

  it('check() throws once the time has passed (for loops between awaits)', () => {
    const limit = deadline('polling', 500);
    jest.advanceTimersByTime(499);
    expect(() => limit.check(() => 'x')).not.toThrow();
    jest.advanceTimersByTime(1);
    expect(() => limit.check(() => '2 executions RUNNING')).toThrow(
      /polling did not finish within 500 ms; still busy: 2 executions RUNNING/,
    );
  });

  it('passes a rejection through and refuses a timeout that is no cap', async () => {
    const limit = deadline('a wait', 1000);
    await expect(limit.race(Promise.reject(new Error('boom')), () => 'x')).rejects.toThrow('boom');
    expect(() => deadline('forever', Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => deadline('never', 0)).toThrow(RangeError);
  });
});
