/**
 * Runs one ASL state machine locally on aws-local-stepfunctions 3: every Task state is
 * overridden with a local handler (Lambda in-process, Redshift Data API over HTTP), waits and
 * retry intervals are scaled by `waitScale`, and the library's event log feeds the counters and
 * an AWS-shaped execution history.
 */
import './polyfill';
import {
  ExecutionAbortedError,
  ExecutionError,
  ExecutionTimeoutError,
  type RunOptions,
  StateMachine,
  type StateMachineDefinition,
} from 'aws-local-stepfunctions';
import type { Counters } from '../counters';
import { type HistoryEvent, toHistoryEvent } from './history';
import { dynamicWaitMs, LOCAL_WAIT_RESOURCE, prepareDefinition } from './prepare-definition';
import { LocalRuntimeError } from './task-errors';
import { createTaskResources, type InvokeLambda, type TaskHandler, type TaskResourceDeps } from './task-resources';

/** Options for {@link createStateMachineRunner}. */
export interface StateMachineRunnerOptions {
  invokeLambda: InvokeLambda;
  dataApi: TaskResourceDeps['dataApi'];
  /** Multiplies every wait and retry interval (0.001: a 30 s wait lasts 30 ms). Default 1. */
  waitScale?: number;
  counters?: Counters;
  /** The machine's deployed name and who its SDK tasks are (IAM); omitted: placeholder keys. */
  stateMachineName?: string;
  taskIdentity?: TaskResourceDeps['taskIdentity'];
}

/** How an execution ended, in DescribeExecution terms. */
export interface ExecutionOutcome {
  status: 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';
  output?: unknown;
  error?: string;
  cause?: string;
}

/** Identity of an execution, exposed to the machine as the context object (`$$.Execution.Id`...). */
export interface ExecutionIdentity {
  executionArn: string;
  executionName: string;
  stateMachineArn: string;
  stateMachineName: string;
}

/** A started execution. `outcome` never rejects. */
export interface RunningExecution {
  outcome: Promise<ExecutionOutcome>;
  /** Stops the execution (it ends ABORTED). */
  abort(): void;
  /** History so far, AWS-shaped (GetExecutionHistory). */
  history: HistoryEvent[];
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function outcomeOf(err: unknown): ExecutionOutcome {
  if (err instanceof ExecutionAbortedError) return { status: 'ABORTED' };
  if (err instanceof ExecutionTimeoutError) {
    return { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution timed out (TimeoutSeconds).' };
  }
  const failure = err instanceof ExecutionError ? (err.cause as Error & { cause?: unknown }) : (err as Error);
  const cause = failure?.cause ?? failure?.message;
  return {
    status: 'FAILED',
    error: failure?.name ?? 'States.Runtime',
    cause: typeof cause === 'string' ? cause : JSON.stringify(cause),
  };
}

/**
 * Validates `definition` (throws with the validator's text if invalid) and returns a runner.
 * Each `start` is independent; call `destroy` when done to release the SDK client.
 */
export function createStateMachineRunner(definition: object, opts: StateMachineRunnerOptions) {
  const waitScale = opts.waitScale ?? 1;
  new StateMachine(definition as StateMachineDefinition); // validates the definition as written
  const prepared = prepareDefinition(definition, waitScale);
  const machine = new StateMachine(prepared.definition as unknown as StateMachineDefinition, {
    validationOptions: { noValidate: true },
  });
  const resources = createTaskResources(opts);
  const taskHandlers: Record<string, TaskHandler> = {};
  for (const [state, resource] of Object.entries(prepared.taskResources)) {
    if (resource !== LOCAL_WAIT_RESOURCE) {
      taskHandlers[state] = resources.handlerFor(resource, prepared.taskCredentials[state]);
    }
  }

  function waitHandler(signal: AbortSignal): TaskHandler {
    return async (raw) => {
      const params = raw as { input: unknown; seconds?: unknown; timestamp?: unknown };
      const badSeconds =
        params.seconds !== undefined && !(Number.isInteger(params.seconds) && Number(params.seconds) >= 0);
      const badTimestamp = params.timestamp !== undefined && Number.isNaN(Date.parse(String(params.timestamp)));
      if (badSeconds || badTimestamp) {
        throw new LocalRuntimeError(
          `Wait got an invalid ${badSeconds ? 'seconds' : 'timestamp'} value: ${JSON.stringify(params.seconds ?? params.timestamp)}`,
        );
      }
      await sleep(dynamicWaitMs(params, waitScale), signal);
      return params.input;
    };
  }

  function start(input: unknown, identity: ExecutionIdentity): RunningExecution {
    const waits = new AbortController();
    const handlers: Record<string, (i: unknown) => Promise<unknown>> = { ...taskHandlers };
    for (const [state, resource] of Object.entries(prepared.taskResources)) {
      if (resource === LOCAL_WAIT_RESOURCE) handlers[state] = waitHandler(waits.signal);
    }
    const runOptions: RunOptions = {
      overrides: {
        taskResourceLocalHandlers: handlers as NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers'],
        waitTimeOverrides: prepared.waitTimeOverrides,
      },
      context: {
        Execution: {
          Id: identity.executionArn,
          Name: identity.executionName,
          RoleArn: 'arn:aws:iam::local:role/local',
        },
        StateMachine: { Id: identity.stateMachineArn, Name: identity.stateMachineName },
      },
    };
    opts.counters?.inc('sfn.executions');
    const run = machine.run(input as never, runOptions);
    const history: HistoryEvent[] = [];
    // States this execution entered: a state entered again is a loop iteration (mostly the poll
    // loop, whose count depends on the Wait scale), counted apart for the bench's cost estimate.
    const entered = new Set<string>();
    const consumeEvents = (async () => {
      for await (const event of run.eventLogs) {
        if (event.type === 'StateEntered' || event.type === 'StateRetried') opts.counters?.inc('sfn.transitions');
        if (event.type === 'StateEntered') {
          if (entered.has(event.state.name)) opts.counters?.inc('sfn.transitions.repeated');
          else entered.add(event.state.name);
        }
        const mapped = toHistoryEvent(event, history.length + 1, prepared.stateTypes);
        if (mapped) history.push(mapped);
      }
    })().catch(() => undefined);
    const outcome = run.result
      .then((output): ExecutionOutcome => ({ status: 'SUCCEEDED', output }), outcomeOf)
      .then(async (result) => {
        waits.abort(); // release timers of a rewritten Wait still sleeping after an abort
        await consumeEvents;
        return result;
      });
    return {
      outcome,
      history,
      abort: () => {
        waits.abort();
        run.abort();
      },
    };
  }

  return { start, destroy: () => resources.destroy() };
}

/** A runner built by {@link createStateMachineRunner}. */
export type StateMachineRunner = ReturnType<typeof createStateMachineRunner>;
