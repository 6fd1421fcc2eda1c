/**
 * The executions the local Step Functions API knows, optionally persisted to
 * `<stateDir>/executions.jsonl` (one full record per change; the last line of an ARN wins) so
 * that execution names stay unique across restarts of the local stack, as they do in AWS.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Execution status, as DescribeExecution reports it. */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** One execution. Dates are epoch milliseconds; input/output are JSON text, as in the API. */
export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  /** Epoch milliseconds (the API renders seconds). */
  startDate: number;
  stopDate?: number;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
}

/** Cause recorded on executions that were RUNNING when the local stack went away. */
export const RESTART_CAUSE = 'local stack restarted';

const FILE_NAME = 'executions.jsonl';

/** In-memory registry with optional append-only persistence. */
export class ExecutionRegistry {
  private readonly byArn = new Map<string, ExecutionRecord>();
  private readonly file?: string;

  /** Loads `<stateDir>/executions.jsonl` if present; executions left RUNNING become ABORTED. */
  constructor(stateDir?: string) {
    if (!stateDir) return;
    mkdirSync(stateDir, { recursive: true });
    this.file = join(stateDir, FILE_NAME);
    if (!existsSync(this.file)) return;
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const record = JSON.parse(line) as ExecutionRecord;
        this.byArn.set(record.executionArn, record);
      } catch {
        // A torn last line (the process died mid-write) is skipped; earlier lines still count.
      }
    }
    const now = Date.now();
    for (const record of this.byArn.values()) {
      if (record.status === 'RUNNING') {
        this.save({ ...record, status: 'ABORTED', stopDate: now, error: 'States.Aborted', cause: RESTART_CAUSE });
      }
    }
  }

  get(executionArn: string): ExecutionRecord | undefined {
    return this.byArn.get(executionArn);
  }

  /** Stores (and persists) a new or updated record. */
  save(record: ExecutionRecord): ExecutionRecord {
    const copy = { ...record };
    this.byArn.set(copy.executionArn, copy);
    if (this.file) appendFileSync(this.file, `${JSON.stringify(copy)}\n`);
    return copy;
  }

  /** Executions of one state machine (or all), newest first. */
  list(stateMachineArn?: string): ExecutionRecord[] {
    return [...this.byArn.values()]
      .filter((r) => !stateMachineArn || r.stateMachineArn === stateMachineArn)
      .sort((a, b) => b.startDate - a.startDate || b.executionArn.localeCompare(a.executionArn));
  }
}
