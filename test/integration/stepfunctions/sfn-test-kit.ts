/**
 * Shared setup for the local Step Functions integration tests: fixture machines, a gate that
 * holds a Lambda until the test releases it, and a real SFNClient on the local endpoint.
 */

import { join } from 'node:path';
import { SFNClient } from '@aws-sdk/client-sfn';
import { loadStateMachines } from '../../../local/stepfunctions/load-definitions';

export const FIXTURE_YML = join(__dirname, '../../fixtures/stepfunctions/serverless.yml');

export function fixtureMachines() {
  return loadStateMachines(FIXTURE_YML);
}

export function sfnClient(endpoint: string): SFNClient {
  return new SFNClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

/** A promise the test opens when it wants a held Lambda to return. */
export function gate(): { wait: Promise<void>; open(): void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

/** A named error, as shared/errors.ts defines them. */
export function namedError(name: string, message: string): Error {
  const err = new Error(message);
  err.name = name;
  return err;
}
