/**
 * Runs async tasks one after another in the order they were queued, so that writes reach the disk in the
 * order they were made. A failed task rejects its own promise only; the queue goes on with the next one.
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  get size(): number {
    return this.pending;
  }

  run<T>(task: () => Promise<T> | T): Promise<T> {
    this.pending++;
    const result = this.tail.then(task);
    this.tail = result.then(
      () => this.pending--,
      () => this.pending--,
    );
    return result;
  }

  /** Resolves when everything queued so far has finished (whether it succeeded or not). */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.tail;
  }
}
