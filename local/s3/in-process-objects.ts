import type { Counters } from '../counters';
import type { InProcessObjects } from '../data-api';
import type { Faults } from '../faults';
import type { ObjectStore } from './object-store';

/** The SDK's default attempts for a GET that S3 answers with a 5xx. */
const SDK_ATTEMPTS = 3;

export class InProcessGetError extends Error {
  override name = 'InternalError';
}

/**
 * The local S3 server's objects for a COPY running in the same process: read straight from the
 * store instead of through HTTP, since per-file HTTP is what dominated loads of many small files.
 * GETs still count, and the s3GetError fault still fires, retried as the SDK retries a 500.
 */
export function inProcessObjects(store: ObjectStore, faults: Faults, counters: Counters): InProcessObjects {
  return {
    async get(bucket, key) {
      for (let attempt = 1; ; attempt++) {
        counters.inc('s3.requests');
        counters.inc('s3.gets');
        if (!faults.should('s3GetError')) break;
        if (attempt >= SDK_ATTEMPTS)
          throw new InProcessGetError(
            `GetObject s3://${bucket}/${key}: We encountered an internal error. Please try again.`,
          );
      }
      if (!store.hasBucket(bucket) || !store.head(bucket, key)) return null;
      return store.read(bucket, key);
    },
    async list(bucket, prefix) {
      const found: Array<{ key: string; size: number }> = [];
      if (!store.hasBucket(bucket)) return found;
      let startAfter: string | undefined;
      for (;;) {
        counters.inc('s3.requests');
        const page = store.list(bucket, { prefix, startAfter });
        for (const o of page.objects) found.push({ key: o.key, size: o.size });
        if (!page.isTruncated || page.objects.length === 0) return found;
        startAfter = page.objects[page.objects.length - 1].key;
      }
    },
  };
}
