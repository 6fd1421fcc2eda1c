import { randomUUID } from 'node:crypto';
import { datasetSpecs } from '../datasets';
import { InvalidEventError } from '../errors';
import { routeKey } from '../keys';
import { planBatches, type RoutedFile } from '../manifest';
import type { PipelineDeps } from './deps';
import { type StartedBatch, startBatches } from './start-batches';

/** The data prefixes, read per call: the catalog can be replaced at run time (local stack, tests). */
const dataPrefixes = (): string[] => datasetSpecs().map((s) => s.prefix);

export interface ReplayRequest {
  prefix?: string;
  keys?: string[];
  /** Reload files the ledger already has (their rows upsert on natural keys). */
  force?: boolean;
  /**
   * Idempotency key of a forced replay: the same request re-sent (a client or Lambda retry)
   * names the same executions, which Step Functions starts only once (docs/deploy.md).
   */
  requestId?: string;
}

export interface ReplaySummary {
  files: number;
  batches: StartedBatch[];
  /** Keys asked for that do not exist. */
  missing: string[];
  /** Keys that are not data files. */
  ignored: string[];
}

export function parseReplayRequest(input: unknown): ReplayRequest {
  const r = (input ?? {}) as ReplayRequest;
  const { prefix, keys } = r;
  if ((typeof prefix === 'string') === Array.isArray(keys))
    throw new InvalidEventError('replay needs exactly one of "prefix" (string) or "keys" (array)');
  if (Array.isArray(keys) && (keys.length === 0 || !keys.every((k) => typeof k === 'string' && k.length > 0))) {
    throw new InvalidEventError('replay "keys" must be a non-empty array of object keys');
  }
  if (typeof prefix === 'string' && !dataPrefixes().some((p) => prefix.startsWith(p))) {
    // Replay lists only data prefixes (its IAM role may list nothing else).
    throw new InvalidEventError(`replay "prefix" must start with ${dataPrefixes().join(' or ')}, got '${prefix}'`);
  }
  if (r.force !== undefined && typeof r.force !== 'boolean')
    throw new InvalidEventError('replay "force" must be a boolean');
  if (r.requestId !== undefined && (typeof r.requestId !== 'string' || !/^[A-Za-z0-9_.:-]{1,64}$/.test(r.requestId)))
    throw new InvalidEventError('replay "requestId" must be 1-64 letters, digits or _ . : -');
  return { prefix: r.prefix, keys: r.keys, force: r.force === true, requestId: r.requestId };
}

/**
 * Replay: loads the files under a prefix, or the keys given, through the same batches and state
 * machine as the event path. Without force, files already in the ledger are skipped by SubmitCopy;
 * with force, batch ids get a fresh salt so new executions run and reload them.
 */
export async function replay(request: ReplayRequest, deps: PipelineDeps): Promise<ReplaySummary> {
  const files: RoutedFile[] = [];
  const missing: string[] = [];
  const ignored: string[] = [];
  if (request.prefix !== undefined) {
    for await (const o of deps.storage.list(request.prefix)) {
      const routed = routeKey(o.key);
      if (routed) files.push({ ...o, ...routed });
      else ignored.push(o.key);
    }
  } else {
    for (const key of [...new Set(request.keys)]) {
      const routed = routeKey(key);
      if (!routed) {
        ignored.push(key);
        continue;
      }
      const head = await deps.storage.head(key);
      if (head) files.push({ key, etag: head.etag, size: head.size, ...routed });
      else missing.push(key);
    }
  }
  // A forced replay gets fresh batch ids (so new executions run); with a requestId they derive
  // from it, so re-sending the request starts nothing twice.
  const salt = request.force ? `force:${request.requestId ?? randomUUID()}` : '';
  const batches = planBatches(
    files,
    { maxFiles: deps.cfg.manifestMaxFiles, maxBytes: deps.cfg.manifestMaxBytes },
    salt,
  );
  const started = await startBatches(batches, deps, request.force);
  deps.log?.('replay started', { files: files.length, batches: started.length, missing: missing.length });
  return { files: files.length, batches: started, missing, ignored };
}
