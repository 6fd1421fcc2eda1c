import { DataQualityError } from '../../../../shared/errors';
import { runQualityChecks } from '../../../../shared/pipeline/quality-checks';
import qualityResultsSql from '../../../../shared/sql/quality_results.sql';
import { executionState, fakeDeps } from '../../../support/fakes';

const ID = 'song_data-0123456789abcdef01234567';

/** A state at the end of a transform: poll loop, statement status and all. */
const afterTransform = () =>
  executionState({
    batchId: ID,
    force: true,
    load: { fileCount: 4, copySeconds: 2 },
    transform: { attempt: 1, statementId: 'transform-1' },
    poll: { attempt: 3, maxAttempts: 60, schedule: [1, 2, 4], wait: 4, crossRegion: false },
    statement: { Status: 'FINISHED' },
  });

describe('runQualityChecks', () => {
  it('passes when every recorded check found no violation, and returns a compact final state', async () => {
    // Prepare
    const { deps, warehouse } = fakeDeps();
    warehouse.onQuery(qualityResultsSql, [
      { check_name: 'songs_duplicate_id', violations: 0 },
      { check_name: 'artists_duplicate_id', violations: '0' },
    ]);
    const state = afterTransform();

    // Act
    const result = await runQualityChecks(state, deps);

    // Assess
    expect(warehouse.queriesOf(qualityResultsSql).map((q) => q.params)).toEqual([{ batch_id: ID }]);
    expect(result).toEqual({
      batchId: ID,
      dataset: 'song_data',
      batchKey: state.batchKey,
      force: true,
      load: state.load,
      transform: state.transform,
      quality: { checks: 2, violations: 0 },
    });
  });

  it('fails with DataQualityError naming each check that found violations', async () => {
    const { deps, warehouse } = fakeDeps();
    warehouse.onQuery(qualityResultsSql, [
      { check_name: 'artists_duplicate_id', violations: 0 },
      { check_name: 'songs_duplicate_id', violations: 2 },
      { check_name: 'songplays_missing_time_row', violations: '5' },
    ]);

    const failure = runQualityChecks(afterTransform(), deps);

    await expect(failure).rejects.toThrow(DataQualityError);
    const err = (await failure.catch((e: Error) => e)) as Error;
    expect(JSON.parse(err.message)).toEqual({
      batchId: ID,
      failed: [
        { check: 'songs_duplicate_id', violations: 2 },
        { check: 'songplays_missing_time_row', violations: 5 },
      ],
    });
  });

  it('fails with DataQualityError when the transform recorded no result at all', async () => {
    const { deps } = fakeDeps();

    await expect(runQualityChecks(afterTransform(), deps)).rejects.toThrow(/no check results recorded/);
  });
});
