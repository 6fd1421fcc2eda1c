/**
 * Issue 12, finding 7: the ledger range of a batch is bounded by its first and last key in the
 * warehouse's order (UTF-8 bytes), not JS's UTF-16 order, which sorts U+E000-U+FFFF after
 * astral characters such as emoji and so used to give an empty range.
 */
import { compareUtf8, filterUnseen } from '../../../../shared/pipeline/submit-copy';
import ledgerLookupSql from '../../../../shared/sql/ledger_lookup.sql';
import { executionState, fakeDeps } from '../../../support/fakes';

const PUA = 'log_data/2018/11/\uE000-events.json';
const FFFD = 'log_data/2018/11/\uFFFD-events.json';
const EMOJI = 'log_data/2018/11/😀-events.json';
const PLAIN = 'log_data/2018/11/a-events.json';

describe('compareUtf8', () => {
  it('orders by code point, as the UTF-8 bytes compare', () => {
    const keys = [EMOJI, FFFD, PLAIN, PUA];
    expect([...keys].sort()).toEqual([PLAIN, EMOJI, PUA, FFFD]); // UTF-16: the surrogate pair first
    expect([...keys].sort(compareUtf8)).toEqual([PLAIN, PUA, FFFD, EMOJI]);
    expect(compareUtf8(PUA, PUA)).toBe(0);
  });
});

describe('filterUnseen', () => {
  it('asks the ledger for the range from the byte-smallest to the byte-largest key', async () => {
    const f = fakeDeps();
    f.warehouse.onQuery(ledgerLookupSql, [
      { key: EMOJI, etag: 'e1', status: 'loaded' },
      { key: PUA, etag: 'e2', status: 'loaded' },
    ]);
    const files = [
      { key: EMOJI, etag: 'e1', size: 1 },
      { key: PUA, etag: 'e2', size: 1 },
      { key: FFFD, etag: 'e3', size: 1 },
    ];
    const unseen = await filterUnseen(executionState(), files, f.deps);
    expect(f.warehouse.queriesOf(ledgerLookupSql).map((q) => q.params)).toEqual([
      { dataset: 'log_data', first_key: PUA, last_key: EMOJI },
    ]);
    expect(unseen).toEqual([{ key: FFFD, etag: 'e3', size: 1 }]);
  });
});
