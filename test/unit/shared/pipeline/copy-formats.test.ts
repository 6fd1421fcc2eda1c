import { batchPaths, stagingTablesOf } from '../../../../shared/batch-id';
import { type DatasetSpec, useBundledDatasets, useDatasetCatalog } from '../../../../shared/datasets';
import { loadDatasets } from '../../../../shared/datasets/compile';
import { copyStatements } from '../../../../shared/pipeline/copy-statements';
import { testConfig } from '../../../support/fakes';
import { datasetsFolder, orders } from '../datasets/dataset-folders';

/** The data COPY of a batch of the `orders` dataset declared with this format and these files. */
function dataCopy(format: string, compression: DatasetSpec['suffixes'][number]['compression'], options = '[]') {
  const files =
    'files:\n  - { suffix: .txt, compression: none }\n  - { suffix: .txt.bz2, compression: bzip2 }\n  - { suffix: .txt.zst, compression: zstd }';
  useDatasetCatalog(
    loadDatasets(datasetsFolder({ orders: orders({ format, files, copy_options: `copy_options: ${options}` }) })),
  );
  const id = 'orders-0123456789abcdef01234567';
  const sqls = copyStatements(testConfig(), {
    dataset: 'orders',
    compression,
    ...stagingTablesOf(id),
    manifestKey: batchPaths(id).manifest(1),
    filesKey: batchPaths(id).files(1),
  });
  return sqls[sqls.length - 1].replace(/\s+/g, ' ');
}

afterAll(useBundledDatasets);

describe('the COPY of a declared dataset', () => {
  it('reads CSV with its quote and delimiter, BZIP2 files, and the declared conversions', () => {
    expect(
      dataCopy(
        'format:\n  type: csv\n  quote: "%"\n  delimiter: "|"',
        'bzip2',
        "[IGNOREHEADER 1, NULL AS 'nil', FILLRECORD]",
      ),
    ).toMatch(/ MANIFEST FORMAT AS CSV QUOTE AS '%' DELIMITER '\|' BZIP2 IGNOREHEADER 1 NULL AS 'nil' FILLRECORD;?$/);
  });

  it('reads delimited text with ZSTD, and Parquet with no conversion options', () => {
    expect(dataCopy('format:\n  type: delimited\n  delimiter: ";"', 'zstd', '[ESCAPE, REMOVEQUOTES]')).toMatch(
      / MANIFEST DELIMITER ';' ZSTD ESCAPE REMOVEQUOTES;?$/,
    );
    expect(dataCopy('format:\n  type: parquet', 'none', '[STATUPDATE OFF]')).toMatch(
      / MANIFEST FORMAT AS PARQUET STATUPDATE OFF;?$/,
    );
    // Redshift's columnar COPY takes none of the text conversions, nor COMPUPDATE.
    expect(() => dataCopy('format:\n  type: parquet', 'none', '[COMPUPDATE OFF]')).toThrow(
      'copy_options[0]: COPY option COMPUPDATE does not apply to parquet files',
    );
  });

  it("reads JSON with 'auto ignorecase'", () => {
    expect(dataCopy('format:\n  type: json\n  paths: auto ignorecase', 'none')).toMatch(
      / MANIFEST FORMAT AS JSON 'auto ignorecase' ?;?$/,
    );
  });
});
