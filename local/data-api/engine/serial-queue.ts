/**
 * A FIFO queue that runs one async job at a time.
 *
 * PGlite is a single connection: two interleaved transactions on it would silently merge. Every
 * use of the database (statements, COPY, `engine.run`) goes through one SerialQueue.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pendingJobs = 0;

  /** Run `job` after every job queued before it; its result or error is passed through. */
  run<T>(job: () => Promise<T>): Promise<T> {
    this.pendingJobs++;
    const result = this.tail.then(job);
    this.tail = result.then(
      () => this.pendingJobs--,
      () => this.pendingJobs--,
    );
    return result;
  }

  /** Jobs queued or running. */
  get pending(): number {
    return this.pendingJobs;
  }

  /** Resolves once every job queued so far has settled. */
  async idle(): Promise<void> {
    await this.tail;
  }
}
