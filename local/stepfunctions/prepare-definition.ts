/**
 * Rewrites an ASL definition for a fast local run. aws-local-stepfunctions can only override a
 * Wait state with a fixed number of milliseconds, which is enough for `Seconds` but not for
 * `SecondsPath`, `Timestamp` or `TimestampPath` (known only at run time). Those become Task
 * states on a local "wait" resource whose Parameters let the library evaluate the path; the
 * handler sleeps for the scaled time and returns its input unchanged, so data flows exactly as
 * through the Wait. Retry intervals are scaled the same way, keeping BackoffRate's shape.
 */

/** Pseudo resource of a rewritten Wait state (never deployed). */
export const LOCAL_WAIT_RESOURCE = 'arn:aws:states:::local:wait';

/**
 * The longest a Node timer can wait (~24 days): the timeout of a rewritten Wait, and of every
 * Task that sets none. AWS gives such a Task no timeout (the Task state's TimeoutSeconds
 * defaults to 99999999), while aws-local-stepfunctions 3 gives it 60 s and then raises
 * States.Timeout: a slow local COPY would time out where AWS would wait.
 */
const LONGEST_TIMER_SECONDS = 2_000_000;

/** The definition to run plus what the runner must override, by state name. */
export interface PreparedDefinition {
  definition: Record<string, unknown>;
  /** Task state name -> its Resource (rewritten Waits point at {@link LOCAL_WAIT_RESOURCE}). */
  taskResources: Record<string, string>;
  /** Task state name -> its `Credentials` field (the role its SDK call signs as), when set. */
  taskCredentials: Record<string, unknown>;
  /** `Seconds` Wait state name -> scaled milliseconds. */
  waitTimeOverrides: Record<string, number>;
  /** State name -> its type in the original definition (for history events). */
  stateTypes: Record<string, string>;
}

// biome-ignore lint/suspicious/noExplicitAny: an ASL state is untyped JSON whose fields (Type, Retry, Branches...) are read by name
type State = Record<string, any>;

const PASSTHROUGH_KEYS = ['Comment', 'InputPath', 'OutputPath', 'Next', 'End'];

function rewriteDynamicWait(state: State): State {
  const task: State = { Type: 'Task', Resource: LOCAL_WAIT_RESOURCE, TimeoutSeconds: LONGEST_TIMER_SECONDS };
  for (const key of PASSTHROUGH_KEYS) if (key in state) task[key] = state[key];
  const parameters: State = { 'input.$': '$' };
  if (state.SecondsPath !== undefined) parameters['seconds.$'] = state.SecondsPath;
  if (state.Timestamp !== undefined) parameters.timestamp = state.Timestamp;
  if (state.TimestampPath !== undefined) parameters['timestamp.$'] = state.TimestampPath;
  task.Parameters = parameters;
  return task;
}

/**
 * States.Timeout exactly where AWS raises it: after TimeoutSeconds, or after HeartbeatSeconds
 * without a heartbeat (no local task ever sends one, so the heartbeat is a limit on the whole
 * run), and never on a Task that sets neither. Task run times are real, so these are not scaled.
 */
function withTaskTimeout(state: State): State {
  if (state.TimeoutSecondsPath !== undefined) return state;
  const limits = [state.TimeoutSeconds, state.HeartbeatSeconds].filter((n): n is number => typeof n === 'number');
  return { ...state, TimeoutSeconds: limits.length > 0 ? Math.min(...limits) : LONGEST_TIMER_SECONDS };
}

function scaleRetriers(retriers: State[], scale: number): State[] {
  return retriers.map((retrier) => ({
    ...retrier,
    IntervalSeconds: (retrier.IntervalSeconds ?? 1) * scale,
    ...(retrier.MaxDelaySeconds !== undefined ? { MaxDelaySeconds: retrier.MaxDelaySeconds * scale } : {}),
  }));
}

function prepareStates(states: Record<string, State>, scale: number, out: PreparedDefinition): Record<string, State> {
  const result: Record<string, State> = {};
  for (const [name, original] of Object.entries(states)) {
    let state: State = { ...original };
    out.stateTypes[name] = state.Type;
    if (state.Type === 'Wait') {
      if (state.Seconds !== undefined) {
        out.waitTimeOverrides[name] = Math.max(0, state.Seconds * 1000 * scale);
      } else {
        state = rewriteDynamicWait(state);
      }
    }
    if (state.Type === 'Task') {
      out.taskResources[name] = state.Resource;
      if (state.Credentials !== undefined) out.taskCredentials[name] = state.Credentials;
      state = withTaskTimeout(state);
    }
    if (Array.isArray(state.Retry)) state.Retry = scaleRetriers(state.Retry, scale);
    if (Array.isArray(state.Branches)) {
      state.Branches = state.Branches.map((branch: State) => ({
        ...branch,
        States: prepareStates(branch.States, scale, out),
      }));
    }
    for (const key of ['Iterator', 'ItemProcessor']) {
      if (state[key]?.States) state[key] = { ...state[key], States: prepareStates(state[key].States, scale, out) };
    }
    result[name] = state;
  }
  return result;
}

/** Prepares `definition` for a local run with waits and retry intervals multiplied by `waitScale`. */
export function prepareDefinition(definition: object, waitScale = 1): PreparedDefinition {
  const out: PreparedDefinition = {
    definition: {},
    taskResources: {},
    taskCredentials: {},
    waitTimeOverrides: {},
    stateTypes: {},
  };
  const source = definition as State;
  out.definition = { ...source, States: prepareStates(source.States ?? {}, waitScale, out) };
  return out;
}

/** Milliseconds a rewritten Wait sleeps, given the Parameters the library evaluated. */
export function dynamicWaitMs(
  params: { seconds?: unknown; timestamp?: unknown },
  waitScale: number,
  now = Date.now(),
): number {
  if (typeof params.seconds === 'number') return Math.max(0, params.seconds * 1000 * waitScale);
  if (typeof params.timestamp === 'string') {
    const at = Date.parse(params.timestamp);
    return Number.isNaN(at) ? 0 : Math.max(0, (at - now) * waitScale);
  }
  return 0;
}
