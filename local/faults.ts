/**
 * Fault injection for the local stack (off by default). Every component that can fail in AWS
 * asks `faults.should(kind)` at the point where AWS would fail; a seeded generator keeps a run
 * reproducible, so a fault test can compare its final tables with a fault-free run.
 */
export type FaultKind =
  /** Data API call answered with ThrottlingException (HTTP 400), before anything runs. */
  | 'dataApiThrottle'
  /** A statement ends FAILED with a transient error text (connection reset), nothing applied. */
  | 'statementTransientFailure'
  /** S3 GetObject answered with 500 InternalError. */
  | 's3GetError'
  /** The Transform Lambda crashes after the COPY finished, before it submits anything. */
  | 'crashAfterCopy'
  /** An SQS message is delivered twice. */
  | 'duplicateDelivery';

export type FaultRates = Partial<Record<FaultKind, number>>;

export interface FaultConfig {
  seed?: number;
  /** Probability (0..1) of each fault at each opportunity. */
  rates?: FaultRates;
}

export class Faults {
  private state: number;
  private readonly rates: FaultRates;
  private held = 0;
  readonly injected: Record<FaultKind, number> = {
    dataApiThrottle: 0,
    statementTransientFailure: 0,
    s3GetError: 0,
    crashAfterCopy: 0,
    duplicateDelivery: 0,
  };

  constructor(config: FaultConfig = {}) {
    this.state = (config.seed ?? 1) >>> 0 || 1;
    this.rates = { ...(config.rates ?? {}) };
  }

  /** True when this opportunity should fail. Never true for a kind whose rate is 0 or unset. */
  should(kind: FaultKind): boolean {
    const rate = this.rates[kind] ?? 0;
    if (rate <= 0 || this.held > 0) return false;
    const hit = this.next() < rate;
    if (hit) this.injected[kind] += 1;
    return hit;
  }

  /**
   * Runs `fn` with every fault held off: the stack's own start-up (the administrator's set-up,
   * the repair of a crashed state folder) is not the pipeline under test.
   */
  async holdOff<T>(fn: () => Promise<T>): Promise<T> {
    this.held += 1;
    try {
      return await fn();
    } finally {
      this.held -= 1;
    }
  }

  get enabled(): boolean {
    return Object.values(this.rates).some((r) => (r ?? 0) > 0);
  }

  /** xorshift32: small, fast, deterministic. */
  private next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 0x100000000;
  }
}

/** Shared default: no faults. */
export const NO_FAULTS = new Faults();
