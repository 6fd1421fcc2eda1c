/**
 * A local SQS queue wired to a Lambda handler with the semantics of Lambda's SQS event source
 * mapping: batch size and batching window, partial batch responses, visibility timeout,
 * redrive to a dead-letter queue after maxReceiveCount, and optional duplicate delivery.
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { Counters } from '../counters';
import { type Faults, NO_FAULTS } from '../faults';
import { failedMessageIds, newMessage, type QueuedMessage, queueArn, receive } from './sqs-records';

export interface LocalQueueOptions {
  /** Queue name in the event source ARN (default `ingest-queue`). */
  name?: string;
  /** Most records per invocation (Lambda: 1..10000). */
  batchSize: number;
  /** Longest wait for a full batch, from the oldest waiting message; 0 = deliver at once. */
  batchWindowMs: number;
  /** How long a failed message stays invisible (counted from its receipt). */
  visibilityTimeoutMs: number;
  /** Receives allowed before the message moves to the dead-letter queue. */
  maxReceiveCount: number;
  /** Batches in flight at once (default 1). */
  maxConcurrency?: number;
  handler: (event: SQSEvent) => Promise<SQSBatchResponse | undefined>;
  faults?: Faults;
  counters?: Counters;
  region?: string;
}

/** A message that exhausted its receives. */
export interface DeadLetter {
  messageId: string;
  body: string;
  receiveCount: number;
  lastError?: string;
}

export interface QueueStats {
  sent: number;
  batches: number;
  /** Message deliveries (a message delivered twice counts twice). */
  deliveries: number;
  deleted: number;
  failedDeliveries: number;
  duplicates: number;
  deadLettered: number;
  /** Visible and waiting for a batch. */
  waiting: number;
  inFlight: number;
  /** Invisible, waiting for their visibility timeout before redelivery. */
  delayed: number;
}

/** Raised by `send()` after `stop()`, and by a `drained()` that `stop()` cut short. */
export class QueueStoppedError extends Error {
  constructor(name: string) {
    super(`local queue ${name} is stopped`);
    this.name = 'QueueStoppedError';
  }
}

export class LocalQueue {
  /** Messages moved to the dead-letter queue, in order. */
  readonly deadLetters: DeadLetter[] = [];
  private readonly available: QueuedMessage[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private windowTimer?: NodeJS.Timeout;
  private delayed = 0;
  private inFlightMessages = 0;
  private stopped = false;
  private waiters: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  private readonly counts = { sent: 0, batches: 0, deliveries: 0, deleted: 0, failedDeliveries: 0, duplicates: 0 };
  private readonly name: string;
  private readonly region: string;
  private readonly arn: string;
  private readonly faults: Faults;
  private readonly counters: Counters;
  private readonly maxConcurrency: number;

  constructor(private readonly options: LocalQueueOptions) {
    if (!(options.batchSize >= 1)) throw new RangeError('batchSize must be at least 1');
    if (!(options.maxReceiveCount >= 1)) throw new RangeError('maxReceiveCount must be at least 1');
    this.name = options.name ?? 'ingest-queue';
    this.region = options.region ?? 'us-east-1';
    this.arn = queueArn(this.region, this.name);
    this.faults = options.faults ?? NO_FAULTS;
    this.counters = options.counters ?? new Counters();
    this.maxConcurrency = Math.max(1, options.maxConcurrency ?? 1);
  }

  /** Enqueues a message (SendMessage); returns its message id. */
  send(body: string): string {
    if (this.stopped) throw new QueueStoppedError(this.name);
    const message = newMessage(body, Date.now());
    this.counts.sent += 1;
    this.counters.inc('sqs.messages');
    this.available.push(message);
    this.pump();
    return message.messageId;
  }

  /** Resolves once nothing is waiting, in flight or waiting for redelivery. */
  drained(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    if (this.stopped) return Promise.reject(new QueueStoppedError(this.name));
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Stops delivering, cancels pending redeliveries, and waits for batches in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.windowTimer) clearTimeout(this.windowTimer);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) {
      if (this.isIdle()) w.resolve();
      else w.reject(new QueueStoppedError(this.name));
    }
  }

  stats(): QueueStats {
    return {
      ...this.counts,
      deadLettered: this.deadLetters.length,
      waiting: this.available.length,
      inFlight: this.inFlightMessages,
      delayed: this.delayed,
    };
  }

  private isIdle(): boolean {
    return this.available.length === 0 && this.inFlightMessages === 0 && this.delayed === 0;
  }

  /** Starts as many batches as the window, batch size and concurrency allow. */
  private pump(): void {
    if (this.stopped) return;
    while (this.running.size < this.maxConcurrency && this.available.length > 0) {
      const full = this.available.length >= this.options.batchSize;
      const windowEnds = this.available[0].availableSince + this.options.batchWindowMs;
      if (!full && this.options.batchWindowMs > 0 && Date.now() < windowEnds) {
        this.armWindow(windowEnds - Date.now());
        return;
      }
      this.startBatch(this.available.splice(0, this.options.batchSize));
    }
  }

  private armWindow(delayMs: number): void {
    if (this.windowTimer) return;
    this.windowTimer = setTimeout(
      () => {
        this.windowTimer = undefined;
        this.pump();
      },
      Math.max(0, delayMs),
    );
  }

  private startBatch(messages: QueuedMessage[]): void {
    const run = this.deliver(messages).finally(() => {
      this.running.delete(run);
      this.pump();
      this.settle();
    });
    this.running.add(run);
  }

  private async deliver(messages: QueuedMessage[]): Promise<void> {
    const receivedAt = Date.now();
    const records = messages.map((m) => receive(m, receivedAt, this.arn, this.region));
    this.inFlightMessages += messages.length;
    this.counts.batches += 1;
    this.counts.deliveries += messages.length;
    this.counters.inc('sqs.receives');
    let failed: Set<string>;
    let error: string | undefined;
    try {
      const response = await this.options.handler({ Records: records });
      failed = failedMessageIds(response, messages);
      if (failed.size > 0) error = 'reported in batchItemFailures';
    } catch (thrown) {
      failed = new Set(messages.map((m) => m.messageId));
      error = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
    }
    this.inFlightMessages -= messages.length;
    const retry: QueuedMessage[] = [];
    for (const message of messages) {
      if (failed.has(message.messageId)) {
        this.counts.failedDeliveries += 1;
        message.lastError = error;
        retry.push(message);
      } else if (!message.duplicated && this.faults.should('duplicateDelivery')) {
        // At-least-once: SQS may hand a processed message out again.
        message.duplicated = true;
        this.counts.duplicates += 1;
        message.availableSince = Date.now();
        this.available.push(message);
      } else {
        this.counts.deleted += 1;
      }
    }
    if (retry.length > 0) this.redeliverLater(retry, receivedAt + this.options.visibilityTimeoutMs);
  }

  /** After the visibility timeout, failed messages are visible again, or dead-lettered if out of receives. */
  private redeliverLater(messages: QueuedMessage[], visibleAt: number): void {
    this.delayed += messages.length;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        this.delayed -= messages.length;
        const now = Date.now();
        for (const message of messages) {
          if (message.receiveCount >= this.options.maxReceiveCount) {
            this.deadLetters.push({
              messageId: message.messageId,
              body: message.body,
              receiveCount: message.receiveCount,
              lastError: message.lastError,
            });
          } else {
            message.availableSince = now;
            this.available.push(message);
          }
        }
        this.pump();
        this.settle();
      },
      Math.max(0, visibleAt - Date.now()),
    );
    this.timers.add(timer);
  }

  private settle(): void {
    if (!this.isIdle() || this.waiters.length === 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.resolve();
  }
}
