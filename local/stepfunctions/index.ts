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
export { LOCAL_ACCOUNT_ID, LOCAL_REGION, executionArn, lambdaFunctionArn, stateMachineArn } from './arns';
export {
  functionLogicalId,
  loadStateMachines,
  ServerlessVariableError,
  StateMachineDefinitionError,
  type LoadedStateMachine,
  type LoadStateMachinesOptions,
} from './load-definitions';
export {
  createStateMachineRunner,
  type ExecutionIdentity,
  type ExecutionOutcome,
  type RunningExecution,
  type StateMachineRunner,
  type StateMachineRunnerOptions,
} from './runner';
export { startSfnServer, type ExecutionRecord, type ExecutionStatus, type SfnServer, type SfnServerOptions } from './server';
export { RESTART_CAUSE } from './execution-registry';
export type { HistoryEvent } from './history';
