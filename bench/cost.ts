/**
 * Prices a run as AWS would bill it, from the calls the local stack counted (local/counters.ts).
 * The local stack runs the same handlers and the same state machine, so its call counts are the
 * ones AWS would see; only the durations differ, hence the stated Lambda duration assumption.
 */

/** us-east-1 list prices (2025), the units AWS bills in. */
export const UNIT_PRICES = {
  /** Step Functions Standard: per state transition. */
  sfnTransition: 0.025 / 1000,
  /** Lambda: per request. */
  lambdaRequest: 0.2 / 1_000_000,
  /** Lambda x86: per GB-second. */
  lambdaGbSecond: 0.0000166667,
  /** S3 Standard PUT, COPY, POST, LIST: per request. */
  s3Put: 0.005 / 1000,
  /** S3 Standard GET and others: per request. */
  s3Get: 0.0004 / 1000,
  /** SQS standard: per request (64 KB chunk). First 1M/month free, ignored here. */
  sqsRequest: 0.4 / 1_000_000,
  /** Redshift Data API: no per-call charge (the warehouse's compute is billed separately). */
  dataApiCall: 0,
} as const;

/** Assumed billed duration and memory of an average invocation (handlers only submit SQL). */
export const LAMBDA_ASSUMPTION = { avgDurationMs: 200, memoryMb: 512 } as const;

export interface CallCounts {
  lambdaInvocations: number;
  sfnTransitions: number;
  dataApiCalls: number;
  s3Puts: number;
  s3Gets: number;
  /** SQS requests: sends + receives + deletes (the event source mapping batches receives and deletes). */
  sqsRequests: number;
}

export interface CostLine {
  item: string;
  calls: number;
  usd: number;
}

/** Cost of the given calls, by item. */
export function priceCalls(c: CallCounts): CostLine[] {
  const gbSeconds =
    c.lambdaInvocations * (LAMBDA_ASSUMPTION.avgDurationMs / 1000) * (LAMBDA_ASSUMPTION.memoryMb / 1024);
  return [
    { item: 'Step Functions transitions', calls: c.sfnTransitions, usd: c.sfnTransitions * UNIT_PRICES.sfnTransition },
    { item: 'Lambda requests', calls: c.lambdaInvocations, usd: c.lambdaInvocations * UNIT_PRICES.lambdaRequest },
    { item: 'Lambda GB-s (assumed)', calls: c.lambdaInvocations, usd: gbSeconds * UNIT_PRICES.lambdaGbSecond },
    { item: 'S3 PUT/LIST/COPY', calls: c.s3Puts, usd: c.s3Puts * UNIT_PRICES.s3Put },
    { item: 'S3 GET/HEAD', calls: c.s3Gets, usd: c.s3Gets * UNIT_PRICES.s3Get },
    { item: 'SQS requests', calls: c.sqsRequests, usd: c.sqsRequests * UNIT_PRICES.sqsRequest },
    { item: 'Redshift Data API calls', calls: c.dataApiCalls, usd: 0 },
  ];
}

/** Scales counts measured on `files` files to `per` files. */
export function perFiles(c: CallCounts, files: number, per: number): CallCounts {
  const k = per / files;
  return {
    lambdaInvocations: c.lambdaInvocations * k,
    sfnTransitions: c.sfnTransitions * k,
    dataApiCalls: c.dataApiCalls * k,
    s3Puts: c.s3Puts * k,
    s3Gets: c.s3Gets * k,
    sqsRequests: c.sqsRequests * k,
  };
}

/**
 * Call counts from the local stack's counters. s3.puts includes the data uploads themselves
 * (the producer's cost, not the pipeline's), so they are subtracted: `uploads` files.
 */
export function countsFromCounters(snapshot: Record<string, number>, uploads: number): CallCounts {
  const get = (k: string) => snapshot[k] ?? 0;
  return {
    lambdaInvocations: get('lambda.invocations'),
    // Each state once per execution: repeated loop iterations are mostly polls, and the local
    // Wait states run at 1/100 of their time, so a statement still running is polled ~100x more
    // often than on AWS (where a statement outliving its first Wait adds ~5 transitions a poll).
    sfnTransitions: get('sfn.transitions') - get('sfn.transitions.repeated'),
    dataApiCalls: get('dataApi.calls'),
    s3Puts: Math.max(0, get('s3.puts') - uploads) + get('s3.lists'),
    s3Gets: get('s3.gets'),
    // One send per S3 event (one event per upload when the queue does not count them); the event
    // source mapping receives and deletes in batches of up to 10 messages per request.
    sqsRequests: (get('sqs.messages') || uploads) + 2 * Math.ceil((get('sqs.messages') || uploads) / 10),
  };
}

export const totalUsd = (lines: CostLine[]): number => lines.reduce((s, l) => s + l.usd, 0);
