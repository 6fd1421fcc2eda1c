/**
 * The Step Functions API operations over local runners, in wire shapes (awsJson1_0: dates as
 * epoch seconds, input/output as JSON text). Executions run in the background of this process;
 * `idle()` tells when none is left running.
 */
import { randomUUID } from 'node:crypto';
import type { Counters } from '../counters';
import { DEFAULT_WAIT_TIMEOUT_MS, deadline } from '../deadline';
import { executionArn as buildExecutionArn, stateMachineArn as buildMachineArn } from './arns';
import { type ExecutionRecord, ExecutionRegistry } from './execution-registry';
import type { HistoryEvent } from './history';
import { createStateMachineRunner, type RunningExecution, type StateMachineRunner } from './runner';
import * as errors from './sfn-api-errors';
import type { TaskIdentity } from './sfn-authorize';
import type { InvokeLambda } from './task-resources';

/** Aborted executions end at their next state; a Lambda task in flight finishes first. */
const SHUTDOWN_TIMEOUT_MS = 60_000;

/** What {@link LocalStepFunctions} needs. */
export interface LocalStepFunctionsOptions {
  region: string;
  accountId: string;
  machines: Record<string, { name: string; definition: object }>;
  invokeLambda: InvokeLambda;
  dataApi: { endpoint: string; region?: string };
  waitScale?: number;
  stateDir?: string;
  counters?: Counters;
  /** Who SDK tasks sign as (IAM; see sfn-authorize.ts). */
  taskIdentity?: TaskIdentity;
}

interface Machine {
  arn: string;
  name: string;
  definition: object;
  runner: StateMachineRunner;
  creationDate: number;
}

/** A request body of the awsJson1_0 API: untrusted JSON, each field checked where it is used. */
type Req = Record<string, unknown>;
const seconds = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / 1000);
const canonicalJson = (text: string): string => JSON.stringify(JSON.parse(text));

/** Local implementation of the Step Functions operations the pipeline uses. */
export class LocalStepFunctions {
  readonly registry: ExecutionRegistry;
  private readonly machines = new Map<string, Machine>();
  private readonly running = new Map<string, { run: RunningExecution; done: Promise<void> }>();
  private readonly histories = new Map<string, HistoryEvent[]>();

  constructor(private readonly opts: LocalStepFunctionsOptions) {
    this.registry = new ExecutionRegistry(opts.stateDir);
    const now = Date.now();
    for (const { name, definition } of Object.values(opts.machines)) {
      const arn = this.stateMachineArn(name);
      const runner = createStateMachineRunner(definition, { ...opts, stateMachineName: name });
      this.machines.set(arn, { arn, name, definition, runner, creationDate: now });
    }
  }

  stateMachineArn(name: string): string {
    return buildMachineArn(name, this.opts.region, this.opts.accountId);
  }

  private machine(arn: unknown): Machine {
    if (typeof arn !== 'string' || !arn.startsWith('arn:')) throw errors.invalidArn(arn);
    const machine = this.machines.get(arn);
    if (!machine) throw errors.stateMachineDoesNotExist(arn);
    return machine;
  }

  private execution(arn: unknown): ExecutionRecord {
    if (typeof arn !== 'string' || !arn.startsWith('arn:')) throw errors.invalidArn(arn);
    const record = this.registry.get(arn);
    if (!record) throw errors.executionDoesNotExist(arn);
    return record;
  }

  StartExecution(req: Req): object {
    const machine = this.machine(req.stateMachineArn);
    const name = req.name === undefined ? randomUUID() : String(req.name);
    errors.assertValidExecutionName(name);
    const input = req.input === undefined ? '{}' : String(req.input);
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
    } catch (err) {
      throw errors.invalidExecutionInput((err as Error).message);
    }
    const arn = buildExecutionArn(machine.name, name, this.opts.region, this.opts.accountId);
    const existing = this.registry.get(arn);
    if (existing) {
      // AWS: a RUNNING execution started again with the same input is the same execution.
      if (existing.status === 'RUNNING' && canonicalJson(existing.input) === canonicalJson(input)) {
        return { executionArn: arn, startDate: seconds(existing.startDate) };
      }
      throw errors.executionAlreadyExists(arn);
    }
    const record = this.registry.save({
      executionArn: arn,
      stateMachineArn: machine.arn,
      name,
      status: 'RUNNING',
      startDate: Date.now(),
      input,
    });
    const run = machine.runner.start(parsed, {
      executionArn: arn,
      executionName: name,
      stateMachineArn: machine.arn,
      stateMachineName: machine.name,
    });
    this.histories.set(arn, run.history);
    const done = run.outcome.then((outcome) => {
      const current = this.registry.get(arn);
      if (current?.status === 'RUNNING') {
        this.registry.save({
          ...current,
          status: outcome.status,
          stopDate: Date.now(),
          ...(outcome.status === 'SUCCEEDED' ? { output: JSON.stringify(outcome.output ?? null) } : {}),
          ...(outcome.error !== undefined ? { error: outcome.error } : {}),
          ...(outcome.cause !== undefined ? { cause: outcome.cause } : {}),
        });
      }
      this.running.delete(arn);
    });
    this.running.set(arn, { run, done });
    return { executionArn: arn, startDate: seconds(record.startDate) };
  }

  DescribeExecution(req: Req): object {
    const r = this.execution(req.executionArn);
    return {
      ...executionListItem(r),
      input: r.input,
      inputDetails: { included: true },
      output: r.output,
      ...(r.output !== undefined ? { outputDetails: { included: true } } : {}),
      error: r.error,
      cause: r.cause,
    };
  }

  ListExecutions(req: Req): object {
    const machine = this.machine(req.stateMachineArn);
    const all = this.registry.list(machine.arn).filter((r) => !req.statusFilter || r.status === req.statusFilter);
    const { page, nextToken } = paginate(all, req.maxResults, req.nextToken);
    return {
      executions: page.map(executionListItem),
      nextToken,
    };
  }

  StopExecution(req: Req): object {
    const r = this.execution(req.executionArn);
    if (r.status !== 'RUNNING') return { stopDate: seconds(r.stopDate ?? Date.now()) };
    const stopped = this.registry.save({
      ...r,
      status: 'ABORTED',
      stopDate: Date.now(),
      ...(req.error !== undefined ? { error: String(req.error) } : {}),
      ...(req.cause !== undefined ? { cause: String(req.cause) } : {}),
    });
    this.running.get(r.executionArn)?.run.abort();
    return { stopDate: seconds(stopped.stopDate) };
  }

  GetExecutionHistory(req: Req): object {
    const r = this.execution(req.executionArn);
    const events = [...(this.histories.get(r.executionArn) ?? [])];
    if (req.reverseOrder) events.reverse();
    const { page, nextToken } = paginate(events, req.maxResults, req.nextToken);
    return { events: page, nextToken };
  }

  ListStateMachines(req: Req): object {
    const all = [...this.machines.values()].sort((a, b) => a.name.localeCompare(b.name));
    const { page, nextToken } = paginate(all, req.maxResults, req.nextToken);
    return {
      stateMachines: page.map((m) => ({
        stateMachineArn: m.arn,
        name: m.name,
        type: 'STANDARD',
        creationDate: seconds(m.creationDate),
      })),
      nextToken,
    };
  }

  DescribeStateMachine(req: Req): object {
    const m = this.machine(req.stateMachineArn);
    return {
      stateMachineArn: m.arn,
      name: m.name,
      status: 'ACTIVE',
      definition: JSON.stringify(m.definition),
      roleArn: `arn:aws:iam::${this.opts.accountId}:role/local-stepfunctions`,
      type: 'STANDARD',
      creationDate: seconds(m.creationDate),
    };
  }

  /**
   * Resolves when no execution is running, including ones started while waiting. Fails after
   * `timeoutMs` with a WaitTimeoutError naming the executions still running.
   */
  async idle(timeoutMs = DEFAULT_WAIT_TIMEOUT_MS): Promise<void> {
    const limit = deadline('local Step Functions executions', timeoutMs);
    while (this.running.size > 0) {
      await limit.race(Promise.all([...this.running.values()].map((e) => e.done)), () => this.describeRunning());
    }
  }

  /** The executions still running, for a timeout message. */
  describeRunning(): string {
    const arns = [...this.running.keys()];
    return arns.length === 0 ? 'no execution running' : `${arns.length} execution(s) RUNNING: ${arns.join(', ')}`;
  }

  /** Aborts what still runs (recorded ABORTED with `cause`), waits for it, releases clients. */
  async shutdown(cause: string): Promise<void> {
    for (const arn of [...this.running.keys()]) {
      this.StopExecution({ executionArn: arn, error: 'States.Aborted', cause });
    }
    await this.idle(SHUTDOWN_TIMEOUT_MS);
    for (const m of this.machines.values()) m.runner.destroy();
  }
}

/** Offset-based pagination; tokens are opaque to callers, as in AWS. */
function paginate<T>(items: T[], maxResults: unknown, token: unknown): { page: T[]; nextToken?: string } {
  const size = typeof maxResults === 'number' && maxResults > 0 ? Math.min(maxResults, 1000) : 100;
  let offset = 0;
  if (token !== undefined && token !== null && token !== '') {
    offset = Number.parseInt(
      Buffer.from(String(token), 'base64')
        .toString('utf8')
        .replace(/^offset:/, ''),
      10,
    );
    if (!Number.isInteger(offset) || offset < 0) throw errors.invalidToken(String(token));
  }
  const page = items.slice(offset, offset + size);
  const next = offset + size < items.length ? Buffer.from(`offset:${offset + size}`).toString('base64') : undefined;
  return { page, nextToken: next };
}

/** The members of an execution that ListExecutions returns (DescribeExecution adds to them). */
function executionListItem(r: ExecutionRecord) {
  return {
    executionArn: r.executionArn,
    stateMachineArn: r.stateMachineArn,
    name: r.name,
    status: r.status,
    startDate: seconds(r.startDate),
    stopDate: seconds(r.stopDate),
  };
}
