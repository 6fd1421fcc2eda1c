/**
 * A dataset added as a folder, with no code change: the local stack reads a datasets folder at
 * start (here a copy of the repository's plus `orders/`), routes its prefix, COPYs, transforms,
 * records its checks and ledger rows, and quarantines its bad file.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runLoad } from '../../local/cli/commands';
import { datasetsDir } from '../../local/paths';
import { sql, startTestStack, tempDir } from '../support/stack';

function write(root: string, path: string, body: string | Buffer) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), body);
}

const ORDERS_YML = `# yaml-language-server: $schema=../dataset.schema.json
name: orders
prefix: orders/
files:
  - { suffix: .jsonl, compression: none }
  - { suffix: .jsonl.gz, compression: gzip }
format: { type: json, paths: auto }
copy_options: [BLANKSASNULL, EMPTYASNULL, COMPUPDATE OFF, STATUPDATE OFF]
staging: staging.sql
transform: transform.sql
schema: schema.sql
targets: [public.orders]
checks:
  - unique: { table: orders, column: order_id }
    batch_rows: { key: order_id }
  - not_null: { table: orders, column: customer }
    batch_rows: { key: order_id }
  - accepted_values: { table: orders, column: status, values: [new, shipped] }
    batch_rows: { key: order_id }
  - name: orders_negative_amount
    sql: negative_amount.sql
`;

const FILES = {
  'dataset.yml': ORDERS_YML,
  'schema.sql':
    'CREATE TABLE IF NOT EXISTS public.orders (order_id INTEGER, customer VARCHAR(64), status VARCHAR(16), amount DECIMAL(10,2), ordered_at TIMESTAMP);\n',
  'staging.sql':
    'CREATE TABLE {{staging}} (order_id INTEGER, customer VARCHAR(64), status VARCHAR(16), amount DECIMAL(10,2), ordered_at TIMESTAMP);\n',
  'transform.sql': [
    '-- Upsert on order_id: the batch version of an order replaces the stored one.',
    'DELETE FROM orders USING {{staging}} s WHERE orders.order_id = s.order_id;',
    'INSERT INTO orders SELECT DISTINCT order_id, customer, status, amount, ordered_at FROM {{staging}};',
    '',
  ].join('\n'),
  'negative_amount.sql': 'SELECT s.order_id FROM {{staging}} s WHERE s.amount < 0\n',
};

const order = (id: number, status = 'new') =>
  JSON.stringify({
    order_id: id,
    customer: `c${id % 3}`,
    status,
    amount: id * 1.5,
    ordered_at: `2024-05-0${1 + (id % 9)} 10:00:00`,
  });

describe('a dataset added as a folder', () => {
  it('loads its files: rows, ledger entries, quality results; its bad file is quarantined with key, line and reason', async () => {
    const datasets = join(tempDir('datasets'), 'datasets');
    cpSync(datasetsDir(), datasets, { recursive: true });
    for (const [name, text] of Object.entries(FILES)) write(datasets, join('orders', name), text);

    const data = tempDir('orders-data');
    write(data, 'orders/2024/05/a.jsonl', `${[1, 2, 3].map((i) => order(i)).join('\n')}\n`);
    write(data, 'orders/2024/05/b.jsonl.gz', gzipSync(`${[4, 5].map((i) => order(i, 'shipped')).join('\n')}\n`));
    // Line 2 holds an order_id that is not an integer.
    write(data, 'orders/2024/05/bad.jsonl', `${order(6)}\n${order(7).replace('"order_id":7', '"order_id":"seven"')}\n`);

    const stack = await startTestStack({ datasetsDir: datasets });
    try {
      const report = await runLoad(stack, data);
      expect(report.files).toEqual({ seen: 3, loaded: 2, skipped: 0, quarantined: 1 });
      expect(report.loadErrors).toHaveLength(1);
      expect(report.loadErrors[0]).toMatchObject({ key: 'orders/2024/05/bad.jsonl', line: 2, column: 'order_id' });
      expect(report.loadErrors[0].reason).toMatch(/seven|integer|Invalid/i);

      expect(await sql(stack, 'SELECT order_id, customer, status FROM orders ORDER BY order_id')).toEqual([
        { order_id: 1, customer: 'c1', status: 'new' },
        { order_id: 2, customer: 'c2', status: 'new' },
        { order_id: 3, customer: 'c0', status: 'new' },
        { order_id: 4, customer: 'c1', status: 'shipped' },
        { order_id: 5, customer: 'c2', status: 'shipped' },
      ]);
      const ledger = await sql(stack, 'SELECT key, dataset, status, error_line FROM ingest.loaded_files ORDER BY key');
      expect(ledger).toEqual([
        { key: 'orders/2024/05/a.jsonl', dataset: 'orders', status: 'loaded', error_line: null },
        { key: 'orders/2024/05/b.jsonl.gz', dataset: 'orders', status: 'loaded', error_line: null },
        { key: 'orders/2024/05/bad.jsonl', dataset: 'orders', status: 'failed', error_line: 2 },
      ]);
      const checks = await sql(
        stack,
        "SELECT check_name, violations FROM ingest.quality_results WHERE batch_id LIKE 'orders-%' ORDER BY batch_id, check_name",
      );
      // Two batches (plain and gzip files never share a COPY), four checks each, no violation.
      expect(checks.map((r) => [r.check_name, Number(r.violations)])).toEqual(
        [0, 1].flatMap(() => [
          ['accepted_values_orders_status', 0],
          ['not_null_orders_customer', 0],
          ['orders_negative_amount', 0],
          ['unique_orders_order_id', 0],
        ]),
      );
    } finally {
      await stack.cleanup();
    }
  });

  it('records a violated check in ingest.quality_results and fails the batch by name', async () => {
    const datasets = join(tempDir('datasets'), 'datasets');
    cpSync(datasetsDir(), datasets, { recursive: true });
    for (const [name, text] of Object.entries(FILES)) write(datasets, join('orders', name), text);
    const data = tempDir('orders-lost');
    write(data, 'orders/lost.jsonl', `${order(8, 'lost')}\n${order(9)}\n`);

    const stack = await startTestStack({ datasetsDir: datasets });
    try {
      const report = await runLoad(stack, data);
      const checks = await sql(
        stack,
        'SELECT check_name, violations FROM ingest.quality_results WHERE violations > 0 ORDER BY check_name',
      );
      expect(checks.map((r) => [r.check_name, Number(r.violations)])).toEqual([['accepted_values_orders_status', 1]]);
      expect(report.executions).toEqual([
        expect.objectContaining({
          dataset: 'orders',
          status: 'FAILED',
          error: expect.stringMatching(/^DataQualityError: .*"check":"accepted_values_orders_status","violations":1/),
        }),
      ]);
    } finally {
      await stack.cleanup();
    }
  });
});
