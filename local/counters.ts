/**
 * Counts what the local stack does on behalf of the pipeline (Lambda invocations, state
 * transitions, Data API calls, S3 requests), so the benchmark can price a run as AWS would.
 */
export type CounterName =
  | 'lambda.invocations'
  | 'sfn.executions'
  | 'sfn.transitions'
  | 'dataApi.calls'
  | 'dataApi.statements'
  | 's3.requests'
  | 's3.puts'
  | 's3.gets'
  | 'sqs.messages'
  | 'sqs.receives';

export class Counters {
  private readonly values = new Map<string, number>();

  inc(name: CounterName | string, by = 1): void {
    this.values.set(name, (this.values.get(name) ?? 0) + by);
  }

  get(name: CounterName | string): number {
    return this.values.get(name) ?? 0;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.values.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.values.clear();
  }
}
