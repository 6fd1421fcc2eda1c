/**
 * `redshift-ingest datasets init` on a sample of each format (JSON lines, CSV with a header,
 * Parquet) writes a folder that loads that sample, end to end on the local stack: rows in the
 * target, ledger entries, checks recorded without violations.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runLoad } from '../../local/cli/commands';
import { validateCommand } from '../../local/cli/datasets/commands';
import { initDataset } from '../../local/cli/datasets/init';
import { datasetsDir } from '../../local/paths';
import { sql, startTestStack, tempDir } from '../support/stack';
import { parquetFile } from '../unit/local/data-api/copy/parquet-fixture';

function write(root: string, path: string, body: string | Buffer): string {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), body);
  return join(root, path);
}

const JSON_SAMPLE = [
  { id: 1, Name: 'ana', score: 3, joined: '2024-01-02', seen_at: '2024-01-02 10:00:00' },
  { id: 2, Name: 'bo', score: 2.5, joined: '2024-01-03', seen_at: '2024-01-03 11:30:00' },
  { id: 3, Name: 'cy', score: null, joined: '2024-01-04', seen_at: '2024-01-04 09:15:00' },
]
  .map((o) => JSON.stringify(o))
  .join('\n');

const CSV_SAMPLE = [
  'sku;Product Name;qty;price;updated',
  'A-1;"Tea; green";3;1.50;2024-02-01 08:00:00',
  'A-2;Coffee;12;2;2024-02-02 09:00:00',
  'A-3;"Mate ""yerba""";70000;3.25;2024-02-03 10:00:00',
  '',
].join('\n');

describe('datasets init', () => {
  it('writes, from a sample of each format, a folder that loads that sample', async () => {
    const datasets = join(tempDir('init-datasets'), 'datasets');
    cpSync(datasetsDir(), datasets, { recursive: true });
    const samples = tempDir('init-samples');
    const jsonFile = write(samples, 'people.jsonl', JSON_SAMPLE);
    const csvFile = write(samples, 'products.csv', CSV_SAMPLE);
    const parquet = parquetFile([
      { name: 'event_id', data: [10n, 11n, 12n, 13n], type: 'INT64' },
      { name: 'kind', data: ['click', 'view', 'click', null], type: 'STRING' },
      { name: 'amount', data: [1.5, 2, 0.25, 9], type: 'DOUBLE' },
      { name: 'at', data: [1, 2, 3, 4].map((d) => new Date(Date.UTC(2024, 2, d, 12))), type: 'TIMESTAMP' },
    ]);
    const parquetPath = write(samples, 'events.parquet', parquet);

    const people = await initDataset({ datasetsDir: datasets, name: 'people', prefix: 'people/', sample: jsonFile });
    const products = await initDataset({
      datasetsDir: datasets,
      name: 'products',
      prefix: 'products/',
      sample: csvFile,
    });
    const events = await initDataset({ datasetsDir: datasets, name: 'events', prefix: 'events/', sample: parquetPath });

    // Names made legal, types widened where values disagree (3 then 2.5: DOUBLE; 12 then 70000: INTEGER).
    expect(people.columns).toEqual([
      { name: 'id', type: 'SMALLINT' },
      { name: 'name', type: 'VARCHAR(16)' },
      { name: 'score', type: 'DOUBLE PRECISION' },
      { name: 'joined', type: 'DATE' },
      { name: 'seen_at', type: 'TIMESTAMP' },
    ]);
    expect(products.columns).toEqual([
      { name: 'sku', type: 'VARCHAR(16)' },
      { name: 'product_name', type: 'VARCHAR(32)' },
      { name: 'qty', type: 'INTEGER' },
      { name: 'price', type: 'DOUBLE PRECISION' },
      { name: 'updated', type: 'TIMESTAMP' },
    ]);
    expect(events.columns).toEqual([
      { name: 'event_id', type: 'BIGINT' },
      { name: 'kind', type: 'VARCHAR(16)' },
      { name: 'amount', type: 'DOUBLE PRECISION' },
      { name: 'at', type: 'TIMESTAMP' },
    ]);
    expect([people.key, products.key, events.key]).toEqual(['id', 'sku', 'event_id']);
    expect(readFileSync(join(people.folder, 'dataset.yml'), 'utf8')).toContain('paths: auto ignorecase');
    expect(readFileSync(join(products.folder, 'dataset.yml'), 'utf8')).toContain('delimiter: ";"');
    expect(validateCommand(datasets, true)).toBe(0);

    const data = tempDir('init-data');
    write(data, 'people/2024/people.jsonl', JSON_SAMPLE);
    write(data, 'products/2024/products.csv', CSV_SAMPLE);
    write(data, 'events/2024/events.parquet', parquet);
    const stack = await startTestStack({ datasetsDir: datasets });
    try {
      const report = await runLoad(stack, data);
      expect(report.loadErrors).toEqual([]);
      expect(report.files).toEqual({ seen: 3, loaded: 3, skipped: 0, quarantined: 0 });
      expect(await sql(stack, 'SELECT id, name, score FROM people ORDER BY id')).toEqual([
        { id: 1, name: 'ana', score: 3 },
        { id: 2, name: 'bo', score: 2.5 },
        { id: 3, name: 'cy', score: null },
      ]);
      expect(await sql(stack, 'SELECT sku, product_name, qty FROM products ORDER BY sku')).toEqual([
        { sku: 'A-1', product_name: 'Tea; green', qty: 3 },
        { sku: 'A-2', product_name: 'Coffee', qty: 12 },
        { sku: 'A-3', product_name: 'Mate "yerba"', qty: 70000 },
      ]);
      expect(await sql(stack, 'SELECT CAST(event_id AS INTEGER) AS id, kind FROM events ORDER BY event_id')).toEqual([
        { id: 10, kind: 'click' },
        { id: 11, kind: 'view' },
        { id: 12, kind: 'click' },
        { id: 13, kind: null },
      ]);
      const ledger = await sql(
        stack,
        "SELECT dataset, status FROM ingest.loaded_files WHERE dataset <> 'log_data' ORDER BY dataset",
      );
      expect(ledger).toEqual([
        { dataset: 'events', status: 'loaded' },
        { dataset: 'people', status: 'loaded' },
        { dataset: 'products', status: 'loaded' },
      ]);
      const checks = await sql(
        stack,
        'SELECT check_name, CAST(violations AS INTEGER) AS violations FROM ingest.quality_results ORDER BY check_name',
      );
      expect(checks.every((c) => c.violations === 0)).toBe(true);
      expect(checks.map((c) => c.check_name)).toEqual(
        expect.arrayContaining([
          'unique_people_id',
          'unique_products_sku',
          'unique_events_event_id',
          'not_null_events_amount',
        ]),
      );
    } finally {
      await stack.cleanup();
    }
  });
});
