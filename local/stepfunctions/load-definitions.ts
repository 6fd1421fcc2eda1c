/**
 * Loads the state machines that serverless.yml deploys (serverless-step-functions format) as
 * plain ASL objects ready to run locally: `${file(...)}` includes and serverless variables
 * resolved, and every Lambda reference (`Fn::GetAtt: [fn, Arn]`, in `Resource` or in
 * `Parameters.FunctionName` of `arn:aws:states:::lambda:invoke`) replaced by a local function
 * ARN, as serverless-step-functions does at deploy time.
 */
import { dirname } from 'node:path';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION, lambdaFunctionArn } from './arns';
import { readYamlOrJson, resolveVariables, type VariableContext } from './serverless-variables';

export { ServerlessVariableError } from './serverless-variables';

/** A state machine as the local runner needs it. */
export interface LoadedStateMachine {
  /** The deployed name: the `name` property (variables resolved) or else the serverless.yml key. */
  name: string;
  /** The ASL definition, Lambda references resolved to local ARNs. */
  definition: object;
  /** Function name (serverless.yml `functions` key) -> local ARN, for each function it references. */
  functionArns: Record<string, string>;
}

/** Options for {@link loadStateMachines}. */
export interface LoadStateMachinesOptions {
  /** Default: `provider.region` of serverless.yml, else us-east-1. */
  region?: string;
  accountId?: string;
  /** Default: `provider.stage` of serverless.yml when literal, else 'dev'. */
  stage?: string;
}

/** serverless.yml is malformed for our purpose (no stepFunctions.stateMachines, bad definition). */
export class StateMachineDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateMachineDefinitionError';
  }
}

/** The CloudFormation logical id serverless gives a function (`my-fn` -> `MyDashfnLambdaFunction`). */
export function functionLogicalId(functionName: string): string {
  const normalized = functionName.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return `${normalized.charAt(0).toUpperCase()}${normalized.slice(1)}LambdaFunction`;
}

/** Replaces `{ 'Fn::GetAtt': [fnOrLogicalId, 'Arn'] }` objects naming a known function by an ARN. */
function replaceFunctionRefs(
  value: unknown,
  byReference: Map<string, string>,
  arnOf: (fn: string) => string,
  used: Record<string, string>,
): unknown {
  if (Array.isArray(value)) return value.map((v) => replaceFunctionRefs(v, byReference, arnOf, used));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0][0] === 'Fn::GetAtt') {
    const target = entries[0][1];
    const [ref, attr] = Array.isArray(target) ? target : String(target).split('.');
    const fn = byReference.get(String(ref));
    if (fn && attr === 'Arn') {
      used[fn] = arnOf(fn);
      return used[fn];
    }
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, replaceFunctionRefs(v, byReference, arnOf, used)]));
}

/** The parts of a parsed serverless.yml read here (unresolved: values may hold `${...}`). */
interface ServerlessDocument extends Record<string, unknown> {
  provider?: Record<string, unknown>;
  functions?: Record<string, unknown>;
  stepFunctions?: { stateMachines?: Record<string, { name?: unknown; definition?: unknown } | null> };
}

/**
 * Reads serverless.yml and returns its `stepFunctions.stateMachines`, keyed by their
 * serverless.yml key (e.g. `ingest`); use `.name` for the deployed name.
 * @throws StateMachineDefinitionError, ServerlessVariableError (with the variable's text)
 */
export function loadStateMachines(
  serverlessYmlPath: string,
  opts: LoadStateMachinesOptions = {},
): Record<string, LoadedStateMachine> {
  const service = (readYamlOrJson(serverlessYmlPath) ?? {}) as ServerlessDocument;
  const provider = (service.provider ?? {}) as Record<string, unknown>;
  const literal = (v: unknown): string | undefined => (typeof v === 'string' && !v.includes('${') ? v : undefined);
  const ctx: VariableContext = {
    service,
    serviceDir: dirname(serverlessYmlPath),
    stage: opts.stage ?? literal(provider.stage) ?? 'dev',
    region: opts.region ?? literal(provider.region) ?? LOCAL_REGION,
    accountId: opts.accountId ?? LOCAL_ACCOUNT_ID,
  };
  const machines = service.stepFunctions?.stateMachines;
  if (!machines || typeof machines !== 'object') {
    throw new StateMachineDefinitionError(`${serverlessYmlPath} has no stepFunctions.stateMachines`);
  }
  const byReference = new Map<string, string>();
  for (const fn of Object.keys(service.functions ?? {})) {
    byReference.set(fn, fn);
    byReference.set(functionLogicalId(fn), fn);
  }
  const arnOf = (fn: string): string => lambdaFunctionArn(fn, ctx.region, ctx.accountId);

  const result: Record<string, LoadedStateMachine> = {};
  for (const [key, machine] of Object.entries(machines)) {
    const name = machine?.name === undefined ? key : resolveVariables(machine.name, ctx);
    if (typeof name !== 'string' || name === '') {
      throw new StateMachineDefinitionError(`stateMachines.${key}.name must resolve to a non-empty string`);
    }
    let definition = resolveVariables(machine?.definition, ctx);
    if (typeof definition === 'string') definition = JSON.parse(definition);
    if (!definition || typeof definition !== 'object' || !('States' in definition)) {
      throw new StateMachineDefinitionError(`stateMachines.${key}.definition has no States`);
    }
    const functionArns: Record<string, string> = {};
    const resolved = replaceFunctionRefs(definition, byReference, arnOf, functionArns) as object;
    result[key] = { name, definition: resolved, functionArns };
  }
  return result;
}
