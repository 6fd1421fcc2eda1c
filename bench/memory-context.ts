import { type CopyContext, quoteIdent, quoteTableName, type SqlConnection } from '../local/data-api';

/**
 * A COPY context over objects held in memory (`bucket/key` -> bytes) that bulk-loads into `pg`:
 * runCopy's S3 reads cost nothing here, so a benchmark measures the COPY itself.
 */
export function memoryCopyContext(pg: SqlConnection, objects: Map<string, Buffer>): CopyContext {
  return {
    queryId: 1,
    query: async <T>(sql: string, params: unknown[] = []) => ({ rows: (await pg.query<T>(sql, params)).rows }),
    copyCsv: async (table, columns, csv) => {
      const sql = `COPY ${quoteTableName(table)} (${columns.map(quoteIdent).join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`;
      return (await pg.query(sql, [], { blob: new Blob([csv]) })).affectedRows ?? 0;
    },
    getObject: async (bucket, key) => objects.get(`${bucket}/${key}`) ?? null,
    listObjects: async (bucket, prefix) =>
      [...objects.keys()]
        .filter((k) => k.startsWith(`${bucket}/${prefix}`))
        .sort()
        .map((k) => ({ key: k.slice(bucket.length + 1), size: objects.get(k)?.length ?? 0 })),
  };
}
