/**
 * The engine side of the COPY contract (copy/types.ts): SQL in the statement's transaction,
 * bulk CSV loading through PGlite's `/dev/blob`, and S3 reads through the real S3 client
 * against the local S3 server.
 */
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { CopyContext } from './copy/types';
import type { DataApiEngine } from './engine';

/**
 * Reads objects of an S3 server that runs in this very process (the local stack's), without
 * HTTP: the same bytes the server would send, at a fraction of the cost per small file.
 */
export interface InProcessObjects {
  get(bucket: string, key: string): Promise<Buffer | null>;
  list(bucket: string, prefix: string): Promise<Array<{ key: string; size: number }>>;
}

/** Where COPY reads S3 objects. */
export interface S3Settings {
  endpoint: string;
  region?: string;
  /** Set when the S3 server runs in this process: COPY then reads its store directly. */
  inProcess?: InProcessObjects;
}

/** One S3 client per server, pointed at the local S3 server with static local credentials. */
export function createS3Client(settings: S3Settings): S3Client {
  return new S3Client({
    endpoint: settings.endpoint,
    region: settings.region ?? 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** Quote an identifier; unquoted names are folded to lower case first, as Redshift does. */
export function quoteIdent(name: string): string {
  if (/^".*"$/.test(name)) return name;
  return `"${name.toLowerCase().replace(/"/g, '""')}"`;
}

/** Quote a possibly schema-qualified table name (`schema.table`). */
export function quoteTableName(name: string): string {
  if (name.includes('"')) return name;
  return name.split('.').map(quoteIdent).join('.');
}

/**
 * Build the CopyContext of one running statement. `checkCancelled` throws when CancelStatement
 * asked the statement to stop, so a long COPY stops at its next database or S3 call.
 */
export function createCopyContext(
  engine: DataApiEngine,
  s3: S3Client,
  queryId: number,
  checkCancelled: () => void,
  signal?: AbortSignal,
  inProcess?: InProcessObjects,
): CopyContext {
  const http = httpObjects(s3, checkCancelled, signal);
  const objects = inProcess ?? http;
  return {
    queryId,
    async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []) {
      checkCancelled();
      const result = await engine.pg.query<T>(sql, params);
      return { rows: result.rows };
    },
    async copyCsv(table: string, columns: string[], csv: string): Promise<number> {
      checkCancelled();
      const sql = `COPY ${quoteTableName(table)} (${columns.map(quoteIdent).join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`;
      const result = await engine.pg.query(sql, [], { blob: new Blob([csv]) });
      return result.affectedRows ?? 0;
    },
    async getObject(bucket: string, key: string): Promise<Buffer | null> {
      checkCancelled();
      return objects.get(bucket, key);
    },
    async listObjects(bucket: string, prefix: string): Promise<Array<{ key: string; size: number }>> {
      checkCancelled();
      return objects.list(bucket, prefix);
    },
  };
}

/** Objects through the real S3 client over HTTP (any S3 endpoint). */
function httpObjects(s3: S3Client, checkCancelled: () => void, signal?: AbortSignal): InProcessObjects {
  return {
    async get(bucket, key) {
      try {
        const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
        if (!out.Body) return Buffer.alloc(0);
        return Buffer.from(await out.Body.transformToByteArray());
      } catch (error) {
        const name = (error as { name?: string }).name;
        if (name === 'NoSuchKey' || name === 'NotFound') return null;
        checkCancelled();
        throw error;
      }
    },
    async list(bucket, prefix) {
      const found: Array<{ key: string; size: number }> = [];
      let token: string | undefined;
      do {
        const page = await s3.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
          {
            abortSignal: signal,
          },
        );
        checkCancelled();
        for (const o of page.Contents ?? []) if (o.Key) found.push({ key: o.Key, size: o.Size ?? 0 });
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return found;
    },
  };
}
