import { ManifestEmptyError } from '../../../shared/errors';
import {
  buildFilesJsonl,
  buildRedshiftManifest,
  planBatches,
  type RoutedFile,
  splitInHalves,
} from '../../../shared/manifest';

const logFile = (n: number, size = 100, etag = `e${n}`): RoutedFile => ({
  key: `log_data/2018/11/2018-11-${String(n).padStart(2, '0')}-events.json`,
  etag,
  size,
  dataset: 'log_data',
  compression: 'none',
});

describe('planBatches', () => {
  const caps = { maxFiles: 1000, maxBytes: 1e9 };

  it('groups by dataset and compression', () => {
    const gz: RoutedFile = { ...logFile(9), key: 'log_data/2018/11/x.json.gz', compression: 'gzip' };
    const song: RoutedFile = {
      key: 'song_data/A/A/A/TRAAAAW128F429D538.json',
      etag: 's',
      size: 10,
      dataset: 'song_data',
      compression: 'none',
    };
    const batches = planBatches([logFile(1), gz, song, logFile(2)], caps);
    expect(batches.map((b) => [b.dataset, b.compression, b.files.length])).toEqual([
      ['log_data', 'gzip', 1],
      ['log_data', 'none', 2],
      ['song_data', 'none', 1],
    ]);
  });

  it('keeps one entry per key: the newest version by sequencer', () => {
    const older = { ...logFile(1, 100, 'old'), sequencer: '0055AED6DCD90281E5' };
    const newer = { ...logFile(1, 120, 'new'), sequencer: '0055AED6DCD90281F0' };
    const [batch] = planBatches([newer, older, { ...newer }], caps);
    expect(batch.files).toEqual([{ key: newer.key, etag: 'new', size: 120 }]);
  });

  it('cuts by file count and by bytes, in key order', () => {
    const files = Array.from({ length: 7 }, (_, i) => logFile(i + 1, 40));
    expect(planBatches(files, { maxFiles: 3, maxBytes: 1e9 }).map((b) => b.files.length)).toEqual([3, 3, 1]);
    expect(planBatches(files, { maxFiles: 100, maxBytes: 100 }).map((b) => b.files.length)).toEqual([2, 2, 2, 1]);
    const keys = planBatches([...files].reverse(), { maxFiles: 3, maxBytes: 1e9 }).flatMap((b) =>
      b.files.map((f) => f.key),
    );
    expect(keys).toEqual(files.map((f) => f.key));
  });

  it('puts a file larger than the byte cap in a batch of its own', () => {
    const batches = planBatches([logFile(1, 10), logFile(2, 500), logFile(3, 10)], { maxFiles: 10, maxBytes: 100 });
    expect(batches.map((b) => b.files.map((f) => f.size))).toEqual([[10], [500], [10]]);
  });

  it('gives the same batch ids for the same files whatever the arrival order', () => {
    const files = Array.from({ length: 10 }, (_, i) => logFile(i + 1));
    const a = planBatches(files, { maxFiles: 4, maxBytes: 1e9 }).map((b) => b.batchId);
    const b = planBatches([...files].reverse(), { maxFiles: 4, maxBytes: 1e9 }).map((b) => b.batchId);
    expect(a).toEqual(b);
  });

  it('returns nothing for no files', () => {
    expect(planBatches([], caps)).toEqual([]);
  });
});

describe('manifest documents', () => {
  it('builds a Redshift manifest with mandatory entries and content lengths', () => {
    const manifest = JSON.parse(buildRedshiftManifest('bucket-1', [logFile(1, 42)]));
    expect(manifest).toEqual({
      entries: [
        { url: 's3://bucket-1/log_data/2018/11/2018-11-01-events.json', mandatory: true, meta: { content_length: 42 } },
      ],
    });
  });

  it('refuses an empty manifest', () => {
    expect(() => buildRedshiftManifest('bucket-1', [])).toThrow(ManifestEmptyError);
  });

  it('writes the file list as JSON lines that survive any key', () => {
    const odd = { key: 'log_data/a "quoted"\nkey é.json', etag: 'x', size: 1 };
    const lines = buildFilesJsonl([odd, logFile(2)])
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toEqual(odd);
    expect(lines).toHaveLength(2);
  });

  it('splits in halves for the unattributed-failure fallback', () => {
    const files = [1, 2, 3, 4, 5].map((n) => logFile(n));
    const [a, b] = splitInHalves(files);
    expect(a.map((f) => f.etag)).toEqual(['e1', 'e2', 'e3']);
    expect(b.map((f) => f.etag)).toEqual(['e4', 'e5']);
  });
});
