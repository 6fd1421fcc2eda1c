/**
 * A warehouse in another region than the stack (docs/deploy.md, "Regions"): the Lambdas that
 * submit a statement say so in $.poll.crossRegion, and the state machine then polls and cancels
 * through the pollStatement Lambda (the warehouse role, in the warehouse's region) instead of
 * the aws-sdk:redshiftdata tasks, which can only call the state machine's own region. The local
 * stack runs both paths of the one definition; IAM enforcement is on (the default), so the state
 * machine's lambda:InvokeFunction grant and the function's role are checked as on AWS.
 */
import { randomUUID } from 'node:crypto';
import { GetExecutionHistoryCommand, type HistoryEvent, SFNClient } from '@aws-sdk/client-sfn';
import { runLoad } from '../../local/cli/commands';
import type { LocalStack } from '../../local/stack';
import { resetConfig } from '../../shared/config';
import { dumpStarSchema, FIXTURE, sql, startTestStack } from '../support/stack';

/** The region the Lambdas are told the warehouse is in; the local stack runs in us-east-1. */
const OTHER_REGION = 'eu-west-1';

/** How many times each state was entered, over every execution of the stack. */
async function statesEntered(stack: LocalStack): Promise<Record<string, number>> {
  const client = new SFNClient({ region: 'us-east-1', endpoint: stack.endpoints.sfn, maxAttempts: 1 });
  const counts: Record<string, number> = {};
  try {
    for (const { executionArn } of stack.sfn.executions()) {
      let nextToken: string | undefined;
      do {
        const page = await client.send(new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }));
        for (const e of page.events ?? ([] as HistoryEvent[])) {
          const name = e.stateEnteredEventDetails?.name;
          if (name) counts[name] = (counts[name] ?? 0) + 1;
        }
        nextToken = page.nextToken;
      } while (nextToken);
    }
  } finally {
    client.destroy();
  }
  return counts;
}

/** The ledger, without what differs from run to run (batch ids, load times). */
const ledger = (stack: LocalStack) =>
  sql(stack, 'SELECT key, etag, size, dataset, status FROM ingest.loaded_files ORDER BY key, etag');

describe('a warehouse in another region: the poll goes through the pollStatement Lambda', () => {
  let reference: { tables: Record<string, unknown[]>; ledger: unknown[] };

  it('the same-region stack polls with the SDK tasks and never invokes pollStatement', async () => {
    const stack = await startTestStack();
    try {
      const report = await runLoad(stack, FIXTURE);
      expect(report.executions.every((e) => e.status === 'SUCCEEDED')).toBe(true);
      const entered = await statesEntered(stack);
      expect(entered.DescribeCopy).toBeGreaterThan(0);
      expect(entered.DescribeTransform).toBeGreaterThan(0);
      expect(entered.DescribeCopyCrossRegion).toBeUndefined();
      expect(entered.DescribeTransformCrossRegion).toBeUndefined();
      reference = { tables: await dumpStarSchema(stack), ledger: await ledger(stack) };
      expect(reference.ledger).toHaveLength(101);
    } finally {
      await stack.cleanup();
    }
  });

  it('with REDSHIFT_REGION set to another region, loads the same tables and ledger through pollStatement', async () => {
    process.env.REDSHIFT_REGION = OTHER_REGION;
    resetConfig();
    const stack = await startTestStack();
    try {
      const report = await runLoad(stack, FIXTURE);
      expect(report.files).toEqual({ seen: 101, loaded: 101, skipped: 0, quarantined: 0 });
      expect(report.executions.every((e) => e.status === 'SUCCEEDED')).toBe(true);
      const entered = await statesEntered(stack);
      // Every poll took the Lambda path; the SDK tasks were never entered.
      expect(entered.DescribeCopyCrossRegion).toBeGreaterThan(0);
      expect(entered.DescribeTransformCrossRegion).toBeGreaterThan(0);
      expect(entered.DescribeCopyCrossRegion).toBe(entered.CopyPollRoute);
      expect(entered.DescribeTransformCrossRegion).toBe(entered.TransformPollRoute);
      expect(entered.DescribeCopy).toBeUndefined();
      expect(entered.DescribeTransform).toBeUndefined();
      expect(await dumpStarSchema(stack)).toEqual(reference.tables);
      expect(await ledger(stack)).toEqual(reference.ledger);

      // The function's own failures, on the emulator as the warehouse role, carry the names the
      // SDK task would raise, which the poll tasks' Retry/Catch match.
      const fail = (event: unknown) => stack.invoke('pollStatement', event).catch((e: Error) => e);
      expect(await fail({ Action: 'DescribeStatement', Id: randomUUID() })).toMatchObject({
        name: 'RedshiftData.ResourceNotFoundException',
      });
      expect(await fail({ Action: 'DescribeStatement', Id: 'not-a-statement-id' })).toMatchObject({
        name: 'RedshiftData.ValidationException',
      });
    } finally {
      await stack.cleanup();
      delete process.env.REDSHIFT_REGION;
      resetConfig();
    }
  });

  it('past the poll cap, the cancel also goes through pollStatement and the execution fails PollTimeoutError', async () => {
    process.env.REDSHIFT_REGION = OTHER_REGION;
    const stack = await startTestStack();
    // Two polls, a few milliseconds apart (waitScale): the COPYs queue behind one another in the
    // warehouse, so most are still running at the cap.
    process.env.POLL_MAX_ATTEMPTS = '1';
    resetConfig();
    try {
      const report = await runLoad(stack, FIXTURE);
      const entered = await statesEntered(stack);
      expect((entered.CancelCopyCrossRegion ?? 0) + (entered.CancelTransformCrossRegion ?? 0)).toBeGreaterThan(0);
      expect(entered.CancelCopy).toBeUndefined();
      expect(entered.CancelTransform).toBeUndefined();
      expect(entered.DescribeCopy).toBeUndefined();
      const failed = stack.sfn.executions().filter((e) => e.status === 'FAILED');
      expect(failed.length).toBeGreaterThan(0);
      expect(new Set(failed.map((e) => e.error))).toEqual(new Set(['PollTimeoutError']));
      expect(report.executions.length).toBeGreaterThanOrEqual(failed.length);
    } finally {
      await stack.cleanup();
      delete process.env.REDSHIFT_REGION;
      delete process.env.POLL_MAX_ATTEMPTS;
      resetConfig();
    }
  });
});
