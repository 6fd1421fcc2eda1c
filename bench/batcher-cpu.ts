/**
 * Batcher CPU per 10k SQS records: the real batcher logic (shared/pipeline/batcher.ts: parse the
 * S3 notifications, plan manifests, write batch documents, start executions) over in-memory
 * ports, so only the batcher's own work is on the clock. In the local stack the S3 server, the
 * Data API and the state machine share the process, which would blur a process.cpuUsage figure;
 * the AWS SDK calls the handler makes (one PutObject + one StartExecution per batch) are a fixed
 * cost per batch, not per record, and are left out.
 */
import type { SQSEvent } from 'aws-lambda';
import { parseConfig } from '../shared/config';
import { batchSqsEvent } from '../shared/pipeline/batcher';
import type { PipelineDeps } from '../shared/pipeline/deps';
import type { ListedObject, ObjectStorage, Orchestrator, Warehouse } from '../shared/ports';
import { s3Message, s3Record } from '../test/support/events';

const BUCKET = 'sparkify-ingest';

class MemoryStorage implements ObjectStorage {
  readonly bucket = BUCKET;
  readonly objects = new Map<string, string>();
  async putText(key: string, body: string): Promise<void> {
    this.objects.set(key, body);
  }
  async getText(key: string): Promise<string | null> {
    return this.objects.get(key) ?? null;
  }
  async head(): Promise<ListedObject | null> {
    return null;
  }
  async copy(): Promise<boolean> {
    return false;
  }
  async *list(): AsyncIterable<ListedObject> {
    // The batcher never lists.
  }
}

const noWarehouse = new Proxy({} as Warehouse, {
  get: () => () => Promise.reject(new Error('the batcher does not use the warehouse')),
});

/** One SQS batch of `n` S3 notifications for song files (the larger key space). */
function sqsEvent(n: number, offset: number): SQSEvent {
  const records = [];
  for (let i = 0; i < n; i++) {
    const id = (offset + i).toString(36).toUpperCase().padStart(6, 'A');
    const key = `song_data/${id[0]}/${id[1]}/${id[2]}/TR${id}12903CB${String(i % 100).padStart(2, '0')}.json`;
    records.push(
      s3Message(s3Record(key, { size: 240 + (i % 60), sequencer: (offset + i).toString(16).padStart(18, '0') })),
    );
  }
  return { Records: records };
}

export interface BatcherCpuResult {
  /** CPU milliseconds (user + system) per 10k records, median of the rounds. */
  cpuMsPer10k: number;
  /** Wall milliseconds per 10k records, median. */
  wallMsPer10k: number;
  batchesPer10k: number;
  rounds: number;
}

/** Invokes the batcher on `rounds` synthetic SQS batches of 10k records (after a warm-up). */
export async function measureBatcherCpu(rounds = 5): Promise<BatcherCpuResult> {
  const cfg = parseConfig({
    AWS_REGION: 'us-east-1',
    INGEST_BUCKET: BUCKET,
    REDSHIFT_WORKGROUP: 'bench',
    COPY_IAM_ROLE_ARN: 'arn:aws:iam::000000000000:role/bench',
    STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:bench',
    MANIFEST_MAX_FILES: '5000',
  });
  let started = 0;
  const orchestrator: Orchestrator = {
    startBatch: async (input) => {
      started += 1;
      return { outcome: 'started', executionName: input.batchId };
    },
  };
  const deps: PipelineDeps = { cfg, storage: new MemoryStorage(), warehouse: noWarehouse, orchestrator };
  const events = Array.from({ length: rounds + 1 }, (_, r) => sqsEvent(10_000, r * 10_000));

  const cpu: number[] = [];
  const wall: number[] = [];
  for (let r = 0; r <= rounds; r++) {
    started = 0;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const response = await batchSqsEvent(events[r], deps);
    const t = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (response.batchItemFailures.length > 0)
      throw new Error(`batcher failed ${response.batchItemFailures.length} records`);
    if (r === 0) continue; // warm-up: JIT and first allocations
    cpu.push((c.user + c.system) / 1000);
    wall.push(t);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { cpuMsPer10k: median(cpu), wallMsPer10k: median(wall), batchesPer10k: started, rounds };
}
