/**
 * Maps aws-local-stepfunctions event logs to GetExecutionHistory events (wire shape of the
 * awsJson1_0 protocol: epoch-second timestamps, JSON documents as strings). Only the events a
 * reader of a local run needs: execution start/end, state entered/exited, task failures.
 */

/** One GetExecutionHistory event, ready to serialize. */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  /** Epoch seconds. */
  timestamp: number;
  type: string;
  [details: string]: unknown;
}

interface LibraryEvent {
  type: string;
  timestamp: number;
  input?: unknown;
  output?: unknown;
  Error?: string;
  Cause?: unknown;
  state?: { name: string; type: string; input?: unknown; output?: unknown };
  index?: number;
}

const json = (value: unknown): string => JSON.stringify(value ?? null);
const text = (value: unknown): string | undefined =>
  value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value);

function details(
  event: LibraryEvent,
  stateTypes: Record<string, string>,
): [string, Record<string, unknown>] | undefined {
  const state = event.state;
  const stateType = state ? (stateTypes[state.name] ?? state.type) : '';
  switch (event.type) {
    case 'ExecutionStarted':
      return [
        'ExecutionStarted',
        { executionStartedEventDetails: { input: json(event.input), inputDetails: { truncated: false } } },
      ];
    case 'ExecutionSucceeded':
      return [
        'ExecutionSucceeded',
        { executionSucceededEventDetails: { output: json(event.output), outputDetails: { truncated: false } } },
      ];
    case 'ExecutionFailed':
      return ['ExecutionFailed', { executionFailedEventDetails: { error: event.Error, cause: text(event.Cause) } }];
    case 'ExecutionAborted':
      return ['ExecutionAborted', { executionAbortedEventDetails: {} }];
    case 'ExecutionTimeout':
      return ['ExecutionTimedOut', { executionTimedOutEventDetails: { error: 'States.Timeout' } }];
    case 'StateEntered':
      return [
        `${stateType}StateEntered`,
        { stateEnteredEventDetails: { name: state?.name, input: json(state?.input) } },
      ];
    case 'StateExited':
      return [
        `${stateType}StateExited`,
        { stateExitedEventDetails: { name: state?.name, output: json(state?.output) } },
      ];
    case 'StateFailed':
      if (stateType !== 'Task') return undefined;
      return [
        'TaskFailed',
        {
          taskFailedEventDetails: {
            resourceType: 'local',
            resource: state?.name,
            error: event.Error,
            cause: text(event.Cause),
          },
        },
      ];
    default:
      return undefined;
  }
}

/**
 * The history event for a library event, or undefined when AWS has no counterpart.
 * `stateTypes` gives each state's type as written (rewritten Waits run as Tasks locally).
 */
export function toHistoryEvent(
  event: LibraryEvent,
  id: number,
  stateTypes: Record<string, string>,
): HistoryEvent | undefined {
  const mapped = details(event, stateTypes);
  if (!mapped) return undefined;
  const [type, extra] = mapped;
  return { id, previousEventId: id - 1, timestamp: event.timestamp / 1000, type, ...extra };
}
