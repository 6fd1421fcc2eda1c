/**
 * `serverless package` derives the notifications, IAM prefixes and JSONPaths files from the
 * dataset folders (bin/datasets-config.js) and refuses invalid ones before bundling anything.
 * REDSHIFT_INGEST_DATASETS points it at a folder made here.
 */
import { datasetsFolder, orders } from '../unit/shared/datasets/dataset-folders';
import { packageService } from './package-once';

function packageWith(dir: string): () => void {
  return () => {
    const previous = process.env.REDSHIFT_INGEST_DATASETS;
    process.env.REDSHIFT_INGEST_DATASETS = dir;
    try {
      packageService();
    } finally {
      if (previous === undefined) delete process.env.REDSHIFT_INGEST_DATASETS;
      else process.env.REDSHIFT_INGEST_DATASETS = previous;
    }
  };
}

describe('serverless package refuses invalid dataset declarations, naming file, line and field', () => {
  test('an unknown COPY option', () => {
    const dir = datasetsFolder({ orders: orders({ copy_options: 'copy_options: [SHUFFLE]' }) });
    expect(packageWith(dir)).toThrow(
      /invalid dataset declarations: \| datasets\/orders\/dataset.yml:9:16: copy_options\[0\]: unknown COPY option 'SHUFFLE'/,
    );
  });

  test('a prefix overlapping another dataset', () => {
    const dir = datasetsFolder({
      orders: orders(),
      returns: orders({ name: 'name: returns', prefix: 'prefix: orders/returns/' }),
    });
    expect(packageWith(dir)).toThrow(
      'datasets/returns/dataset.yml: prefix: prefix orders/returns/ overlaps orders/ of orders: a key would belong to two datasets',
    );
  });

  test('a transform naming a placeholder that does not exist', () => {
    const dir = datasetsFolder({ orders: orders({}, { 'transform.sql': 'SELECT {{batch_id}};\n' }) });
    expect(packageWith(dir)).toThrow(
      'datasets/orders/transform.sql:1:8: transform: placeholder {{batch_id}} does not exist here',
    );
  });

  test('an invalid check', () => {
    const dir = datasetsFolder({
      orders: orders({ checks: 'checks:\n  - unique: { table: orders, column: order_id }' }),
    });
    expect(packageWith(dir)).toThrow(
      'datasets/orders/dataset.yml:14:5: checks[0].batch_rows: a unique check needs batch_rows: which rows of orders this batch wrote',
    );
  });
});
