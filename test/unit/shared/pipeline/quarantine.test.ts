/**
 * Issue 12, finding 5: a quarantined copy goes under a fixed-length name, so a data key near
 * S3's 1024-byte limit can still be quarantined (`quarantine/<key>` would pass the limit and
 * CopyObject would answer KeyTooLongError); the original key is in the sidecar and the ledger.
 */
import { createHash } from 'node:crypto';
import { quarantineFiles, quarantineKey, quarantineSidecarKey } from '../../../../shared/pipeline/quarantine';
import ledgerFailedSql from '../../../../shared/sql/ledger_failed.sql';
import { executionState, fakeDeps } from '../../../support/fakes';

/** A log_data key of exactly `bytes` UTF-8 bytes, with multi-byte characters and a newline. */
function longKey(bytes: number): string {
  const head = 'log_data/2018/11/é\nü-';
  const tail = '.json';
  return head + 'x'.repeat(bytes - Buffer.byteLength(head + tail)) + tail;
}

describe('quarantineKey', () => {
  it('is quarantine/ and the hex SHA-256 of the key: 75 bytes whatever the key', () => {
    const key = longKey(1024);
    expect(Buffer.byteLength(key)).toBe(1024);
    const expected = `quarantine/${createHash('sha256').update(Buffer.from(key, 'utf8')).digest('hex')}`;
    expect(quarantineKey(key)).toBe(expected);
    expect(Buffer.byteLength(quarantineKey(key))).toBe(75);
    expect(quarantineKey('log_data/a.json')).toHaveLength(75);
    expect(quarantineKey('log_data/a.json')).not.toBe(quarantineKey('log_data/b.json'));
  });
});

describe('quarantineFiles', () => {
  it('copies a 1024-byte key under its fixed name, writes the sidecar and records the whole key in the ledger', async () => {
    const f = fakeDeps();
    const key = longKey(1024);
    f.storage.put(key, '{"broken"');
    const state = executionState();
    const file = { key, etag: 'etag-long', size: 9 };

    await quarantineFiles(state, [{ file, reason: 'Invalid JSON', line: 1, code: 1216 }], f.deps);

    expect(f.storage.copies).toEqual([{ from: key, to: quarantineKey(key) }]);
    expect(f.storage.text(quarantineKey(key))).toBe('{"broken"');
    expect(f.storage.json(quarantineSidecarKey(key))).toEqual({
      key,
      etag: 'etag-long',
      size: 9,
      dataset: state.dataset,
      batchId: state.batchId,
      reason: 'Invalid JSON',
      line: 1,
    });
    const [ledger] = f.warehouse.queriesOf(ledgerFailedSql).map((q) => q.params);
    expect(ledger).toMatchObject({ key, etag: 'etag-long', line: '1', code: '1216' });
  });
});
