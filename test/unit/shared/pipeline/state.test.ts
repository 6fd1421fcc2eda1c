import { batchPaths, stagingTablesOf } from '../../../../shared/batch-id';
import { InvalidEventError } from '../../../../shared/errors';
import { parseExecutionState, pollState, requireLoad, requireLoadStatement } from '../../../../shared/pipeline/state';
import { executionState } from '../../../support/fakes';

const ID = 'log_data-0123456789abcdef01234567';
const input = { batchId: ID, dataset: 'log_data', batchKey: batchPaths(ID).batch };

describe('parseExecutionState', () => {
  it('accepts what the batcher starts, split children and forced replays included', () => {
    expect(parseExecutionState(input)).toEqual(input);
    const child = { batchId: `${ID}-a`, dataset: 'log_data', batchKey: batchPaths(`${ID}-a`).batch, force: true };
    expect(parseExecutionState(child)).toEqual(child);
  });

  it.each([
    ['not an object', null, /must be an object/],
    ['a bad batch id', { ...input, batchId: 'log_data-../../x' }, /invalid batchId/],
    ['an execution name as batch id', { ...input, batchId: `${ID}-r1` }, /invalid batchId/],
    ['another dataset than the id’s', { ...input, dataset: 'song_data' }, /not the dataset of batch/],
    ['an unknown dataset', { ...input, dataset: 'other' }, /not the dataset of batch/],
    [
      'a batch key under the right prefix but not the batch’s',
      { ...input, batchKey: 'manifests/log_data/x.json' },
      /batchKey/,
    ],
    ['another batch’s key', { ...input, batchKey: batchPaths(`${ID}-a`).batch }, /batchKey/],
    ['a non-boolean force', { ...input, force: 'yes' }, /force must be a boolean/],
  ])('refuses %s with InvalidEventError', (_, value, message) => {
    expect(() => parseExecutionState(value)).toThrow(InvalidEventError);
    expect(() => parseExecutionState(value)).toThrow(message);
  });
});

describe('requireLoad / requireLoadStatement', () => {
  it('return the load in flight', () => {
    const state = executionState({ batchId: ID, load: { statementId: 'copy-7' } });
    expect(requireLoad(state)).toBe(state.load);
    expect(requireLoadStatement(state).statementId).toBe('copy-7');
  });

  it('say what is missing', () => {
    expect(() => requireLoad(executionState({ batchId: ID }))).toThrow(/no "load"/);
    const noStatement = executionState({ batchId: ID, load: { statementId: undefined } });
    expect(requireLoad(noStatement)).toBe(noStatement.load);
    expect(() => requireLoadStatement(noStatement)).toThrow(/no statementId/);
  });

  it('refuse staging tables other than the batch’s and counts that are not counts', () => {
    const other = stagingTablesOf(`${ID}-a`);
    expect(() => requireLoad(executionState({ batchId: ID, load: other }))).toThrow(/staging tables/);
    expect(() => requireLoad(executionState({ batchId: ID, load: { attempt: -1 } }))).toThrow(/load.attempt/);
    expect(() => requireLoad(executionState({ batchId: ID, load: { retries: '1' as unknown as number } }))).toThrow(
      InvalidEventError,
    );
  });
});

describe('pollState', () => {
  it('computes the capped exponential schedule once', () => {
    const cfg = { pollMaxAttempts: 6, pollMaxWaitSeconds: 8, region: 'us-east-1', redshiftRegion: 'us-east-1' };
    expect(pollState(cfg)).toEqual({
      attempt: 0,
      maxAttempts: 6,
      schedule: [1, 2, 4, 8, 8, 8, 8],
      wait: 1,
      crossRegion: false,
    });
  });

  it('says crossRegion when the warehouse is not in the Lambda region: the poll goes through pollStatement', () => {
    const cfg = { pollMaxAttempts: 6, pollMaxWaitSeconds: 8, region: 'eu-west-1', redshiftRegion: 'us-east-1' };
    expect(pollState(cfg).crossRegion).toBe(true);
  });
});
