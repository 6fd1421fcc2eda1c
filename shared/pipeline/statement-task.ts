import { InvalidEventError } from '../errors';
import type { StatementTasks } from '../ports';

/** The Data API operations the state machine's poll loops call. */
export const STATEMENT_ACTIONS = ['DescribeStatement', 'CancelStatement'] as const;
export type StatementAction = (typeof STATEMENT_ACTIONS)[number];

/**
 * What a cross-region poll task passes (statemachine/ingest.asl.yml, DescribeCopyCrossRegion...):
 * the operation, and the parameters the aws-sdk:redshiftdata task would have taken.
 */
export interface StatementTaskInput {
  Action: StatementAction;
  Id: string;
}

/** InvalidEventError unless the input names an operation and a statement id. */
export function parseStatementTask(input: unknown): StatementTaskInput {
  const s = input as Partial<StatementTaskInput> | null;
  if (!s || typeof s !== 'object') throw new InvalidEventError('statement task input must be an object');
  if (!STATEMENT_ACTIONS.includes(s.Action as StatementAction)) {
    throw new InvalidEventError(
      `Action must be one of ${STATEMENT_ACTIONS.join(', ')}, got ${JSON.stringify(s.Action)}`,
    );
  }
  // The id's format is the Data API's to check: it answers ValidationException, as it does to the SDK task.
  if (typeof s.Id !== 'string' || s.Id === '') {
    throw new InvalidEventError(`Id must be a statement id, got ${JSON.stringify(s.Id)}`);
  }
  return { Action: s.Action as StatementAction, Id: s.Id };
}

/**
 * Runs one poll-loop call against the warehouse's region and returns what the SDK task returns
 * (see {@link StatementTasks}); its failures keep the SDK task's error names.
 */
export async function runStatementTask(input: unknown, tasks: StatementTasks): Promise<Record<string, unknown>> {
  const { Action, Id } = parseStatementTask(input);
  return Action === 'DescribeStatement' ? tasks.describeStatement(Id) : tasks.cancelStatement(Id);
}
