// The reconnect discipline: at most one retry pending at a time, and destroy() means no retry ever again,
// so a link that is closed during a backoff cannot come back to life behind its owner's back.

export class RetryTimer {
  private timer: NodeJS.Timeout | null = null;
  private destroyed = false;

  constructor(private readonly delayMs: number) {}

  /** Schedule `attempt` after the delay unless one is already pending or the timer is destroyed. */
  schedule(attempt: () => void): boolean {
    if (this.destroyed || this.timer !== null) return false;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.destroyed) attempt();
    }, this.delayMs);
    return true;
  }

  get pending(): boolean {
    return this.timer !== null;
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  destroy(): void {
    this.destroyed = true;
    this.cancel();
  }
}
