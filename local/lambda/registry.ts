import type { Context } from 'aws-lambda';
import { handler as backfill } from '../../handlers/backfill';
import { handler as batcher } from '../../handlers/batcher';
import { handler as handleLoadFailure } from '../../handlers/handle-load-failure';
import { handler as pollStatement } from '../../handlers/poll-statement';
import { handler as qualityChecks } from '../../handlers/quality-checks';
import { handler as replay } from '../../handlers/replay';
import { handler as setup } from '../../handlers/setup';
import { handler as submitCopy } from '../../handlers/submit-copy';
import { handler as transform } from '../../handlers/transform';
import type { Faults } from '../faults';
import type { LocalHandler } from './runtime';

/**
 * The real handlers by their serverless.yml function name, for the in-process Lambda runtime.
 * A test checks that this map and serverless.yml's `functions` agree, handler path included.
 */
export const HANDLER_FILES: Readonly<Record<string, string>> = {
  batcher: 'handlers/batcher.handler',
  submitCopy: 'handlers/submit-copy.handler',
  handleLoadFailure: 'handlers/handle-load-failure.handler',
  transform: 'handlers/transform.handler',
  qualityChecks: 'handlers/quality-checks.handler',
  pollStatement: 'handlers/poll-statement.handler',
  replay: 'handlers/replay.handler',
  backfill: 'handlers/backfill.handler',
  setup: 'handlers/setup.handler',
};

/** Lambda's own name for a runtime that died mid-invocation; the state machine retries it. */
class LambdaCrash extends Error {
  override name = 'Lambda.Unknown';
}

/**
 * Handlers for the local stack. With the `crashAfterCopy` fault on, Transform sometimes dies
 * before it submits anything, as a Lambda killed between the COPY and the transform would.
 */
export function localHandlers(faults: Faults): Record<string, LocalHandler> {
  const asLocal =
    (h: (event: never, context: Context) => Promise<unknown>): LocalHandler =>
    (event, context) =>
      h(event as never, context);
  return {
    batcher: asLocal(batcher),
    submitCopy: asLocal(submitCopy),
    handleLoadFailure: asLocal(handleLoadFailure),
    transform: async (event, context) => {
      if (faults.should('crashAfterCopy')) {
        throw new LambdaCrash('Process exited before completing request (injected crash after COPY)');
      }
      return transform(event as never, context);
    },
    qualityChecks: asLocal(qualityChecks),
    pollStatement: asLocal(pollStatement),
    replay: asLocal(replay),
    backfill: asLocal(backfill),
    setup: asLocal(setup),
  };
}
