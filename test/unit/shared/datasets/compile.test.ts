import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileDatasets, loadDatasets } from '../../../../shared/datasets/compile';
import { DatasetConfigError, formatProblem } from '../../../../shared/datasets/problems';
import { datasetsFolder, orders } from './dataset-folders';

const repoDatasets = join(__dirname, '../../../../datasets');
const messages = (dir: string) => compileDatasets(dir).problems.map(formatProblem);

describe('the repository datasets', () => {
  it('compile to exactly the committed catalog.generated.json (rebuilt by bin/datasets-config.js)', () => {
    const generated = JSON.parse(
      readFileSync(join(__dirname, '../../../../shared/datasets/catalog.generated.json'), 'utf8'),
    );
    expect(generated).toEqual({ datasets: JSON.parse(JSON.stringify(loadDatasets(repoDatasets))) });
  });

  it('keep the Sparkify names, prefixes, JSONPaths key and check names', () => {
    const specs = loadDatasets(repoDatasets);
    const sparkify = specs.filter((s) => s.folder.startsWith('sparkify-'));
    expect(sparkify.map((s) => [s.folder, s.name, s.prefix])).toEqual([
      ['sparkify-logs', 'log_data', 'log_data/'],
      ['sparkify-songs', 'song_data', 'song_data/'],
    ]);
    const logs = sparkify[0];
    expect(logs.format).toMatchObject({ kind: 'json', paths: { key: 'config/jsonpaths/log_data.json' } });
    expect(logs.checkNames).toEqual([
      'songplays_duplicate_natural_key',
      'songplays_null_start_time',
      'songplays_null_user_id',
      'songplays_missing_time_row',
      'time_duplicate_start_time',
      'users_duplicate_id',
    ]);
    // No LOCK: transforms rely on serializable isolation and retries (docs/concurrency.md).
    expect(logs.lockSql).toBe('');
    expect(sparkify[1].checkNames).toEqual([
      'songs_duplicate_id',
      'artists_duplicate_id',
      'songplays_missing_time_row',
    ]);
  });
});

describe('a dataset folder', () => {
  it('compiles: prefix, suffixes, options, checks scoped to the staging table by default', () => {
    const [spec] = loadDatasets(datasetsFolder({ orders: orders() }));
    expect(spec).toMatchObject({ name: 'orders', folder: 'orders', prefix: 'orders/', copyOptions: ['BLANKSASNULL'] });
    expect(spec.checkNames).toEqual(['unique_orders_order_id']);
    expect(spec.checksSql).toContain('WHERE EXISTS (SELECT 1 FROM {{staging}} b WHERE b.order_id = t.order_id)');
    expect(spec.checksSql.startsWith('INSERT INTO ingest.quality_results')).toBe(true);
  });

  it('refuses an unknown field, naming file, line and field', () => {
    const dir = datasetsFolder({ orders: orders({ targets: 'targets: [public.orders]\nprefixes: [a/]' }) });
    expect(messages(dir)).toEqual(['datasets/orders/dataset.yml:13:1: prefixes: unknown field']);
  });

  it('refuses a prefix that overlaps another dataset, or a prefix the service writes', () => {
    const dir = datasetsFolder({
      orders: orders(),
      returns: orders({ name: 'name: returns', prefix: 'prefix: orders/returns/' }),
      manifests: orders({ name: 'name: mine', prefix: 'prefix: manifests/' }),
    });
    expect(messages(dir)).toEqual([
      'datasets/manifests/dataset.yml:3:9: prefix: overlaps a prefix the service writes (manifests/, quarantine/, config/)',
      'datasets/returns/dataset.yml: prefix: prefix orders/returns/ overlaps orders/ of orders: a key would belong to two datasets',
    ]);
  });

  it('refuses an unknown COPY option, a compression option, and an option of another format', () => {
    const dir = datasetsFolder({
      orders: orders({ copy_options: 'copy_options: [BLANKSASNULL, SHUFFLE, GZIP, IGNOREHEADER 1]' }),
    });
    const problems = messages(dir);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(
      /^datasets\/orders\/dataset.yml:9:30: copy_options\[1\]: unknown COPY option 'SHUFFLE'/,
    );
    expect(problems[1]).toBe(
      'datasets/orders/dataset.yml:9:39: copy_options[2]: GZIP is chosen per file by the compression of `files`, not in copy_options',
    );
    expect(problems[2]).toBe(
      'datasets/orders/dataset.yml:9:45: copy_options[3]: COPY option IGNOREHEADER does not apply to json files',
    );
  });

  it('refuses a transform that names a placeholder that does not exist, at its line in the .sql file', () => {
    const dir = datasetsFolder({
      orders: orders({}, { 'transform.sql': 'INSERT INTO orders\nSELECT * FROM {{stagin}};\n' }),
    });
    expect(messages(dir)).toEqual([
      'datasets/orders/transform.sql:2:15: transform: placeholder {{stagin}} does not exist here (available: {{staging}}, {{batch_literal}}, {{dataset_literal}})',
    ]);
  });

  it('refuses invalid checks: two tests in one, no batch_rows, an unnamed or missing custom SQL, a bad column', () => {
    const dir = datasetsFolder({
      orders: orders({
        checks: [
          'checks:',
          '  - not_null: { table: orders, column: order_id }',
          '    unique: { table: orders, column: order_id }',
          '    batch_rows: { key: order_id }',
          '  - not_null: { table: orders, column: amount }',
          '  - sql: checks/none.sql',
          '  - name: missing_file',
          '    sql: checks/none.sql',
          '  - accepted_values: { table: orders, column: "Bad Column", values: [a] }',
          '    batch_rows: { key: order_id }',
        ].join('\n'),
      }),
    });
    expect(messages(dir)).toEqual([
      'datasets/orders/dataset.yml:21:47: checks[4].accepted_values.column: must match pattern "^[a-z_][a-z0-9_]{0,126}$"',
    ]);
    const fixed = datasetsFolder({
      orders: orders({
        checks: [
          'checks:',
          '  - not_null: { table: orders, column: order_id }',
          '    unique: { table: orders, column: order_id }',
          '    batch_rows: { key: order_id }',
          '  - not_null: { table: orders, column: amount }',
          '  - sql: checks/none.sql',
          '  - name: missing_file',
          '    sql: checks/none.sql',
        ].join('\n'),
      }),
    });
    expect(messages(fixed)).toEqual([
      'datasets/orders/dataset.yml:14:5: checks[0]: a check declares exactly one of not_null, unique, accepted_values, relationships, sql (found not_null, unique)',
      'datasets/orders/dataset.yml:17:5: checks[1].batch_rows: a not_null check needs batch_rows: which rows of orders this batch wrote',
      'datasets/orders/dataset.yml:18:5: checks[2].name: a custom SQL check needs a name',
      'datasets/orders/dataset.yml:20:10: checks[3].sql: file datasets/orders/checks/none.sql does not exist',
    ]);
  });

  it('refuses a custom check that is not one SELECT, or that names an unknown placeholder', () => {
    const dir = datasetsFolder({
      orders: orders(
        { checks: 'checks:\n  - name: negative\n    sql: checks/negative.sql' },
        { 'checks/negative.sql': 'SELECT * FROM {{files}} WHERE amount < 0;\nDELETE FROM orders\n' },
      ),
    });
    expect(messages(dir)).toEqual([
      'datasets/orders/checks/negative.sql:1: checks[0].sql: a check is one SELECT returning the violating rows: no ";" inside',
      'datasets/orders/checks/negative.sql:1:15: checks[0].sql: placeholder {{files}} does not exist here (available: {{staging}}, {{batch_literal}})',
    ]);
  });

  it('throws DatasetConfigError listing every problem', () => {
    const dir = datasetsFolder({ orders: orders({ format: 'format:\n  type: xml' }) });
    expect(() => loadDatasets(dir)).toThrow(DatasetConfigError);
    expect(() => loadDatasets(dir)).toThrow(
      'invalid dataset declarations:\n  datasets/orders/dataset.yml:7:9: format.type: must be one of json, csv, delimited, parquet',
    );
  });
});
