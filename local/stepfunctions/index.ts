/**
 * Local Step Functions: load the state machines serverless.yml deploys, run them in-process on
 * aws-local-stepfunctions, and serve them through the Step Functions API (awsJson1_0) so the
 * real @aws-sdk/client-sfn works against the local stack.
 *
 * ```ts
 * const machines = loadStateMachines(serverlessYmlPath());
 * const sfn = await startSfnServer({ machines, invokeLambda, dataApi: { endpoint }, waitScale: 0.001 });
 * process.env.STATE_MACHINE_ARN = sfn.stateMachineArn(machines.ingest.name);
 * process.env.AWS_ENDPOINT_URL_SFN = sfn.endpoint;
 * ```
 */
export { executionArn, LOCAL_ACCOUNT_ID, LOCAL_REGION, lambdaFunctionArn, stateMachineArn } from './arns';
export { RESTART_CAUSE } from './execution-registry';
export type { HistoryEvent } from './history';
export {
  functionLogicalId,
  type LoadedStateMachine,
  type LoadStateMachinesOptions,
  loadStateMachines,
  ServerlessVariableError,
  StateMachineDefinitionError,
} from './load-definitions';
export {
  createStateMachineRunner,
  type ExecutionIdentity,
  type ExecutionOutcome,
  type RunningExecution,
  type StateMachineRunner,
  type StateMachineRunnerOptions,
} from './runner';
export {
  type ExecutionRecord,
  type ExecutionStatus,
  type SfnServer,
  type SfnServerOptions,
  startSfnServer,
} from './server';
