// A request budget: `burst` requests at once, refilled at `perSecond`. Time is injected for tests.

export interface TokenBucketOptions {
  readonly burst: number;
  readonly perSecond: number;
  readonly nowMs?: () => number;
}

export class TokenBucket {
  private tokens: number;
  private lastMs: number;
  private readonly nowMs: () => number;

  constructor(private readonly options: TokenBucketOptions) {
    this.nowMs = options.nowMs ?? (() => performance.now());
    this.tokens = options.burst;
    this.lastMs = this.nowMs();
  }

  /** Spends one token if there is one; false means over budget (and nothing should happen). */
  take(): boolean {
    const now = this.nowMs();
    this.tokens = Math.min(
      this.options.burst,
      this.tokens + ((now - this.lastMs) / 1000) * this.options.perSecond,
    );
    this.lastMs = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** One bucket per key (client address), forgetting keys unused for a while so the map cannot grow forever. */
export class KeyedTokenBuckets {
  private readonly buckets = new Map<string, { bucket: TokenBucket; lastUsedMs: number }>();

  constructor(
    private readonly options: TokenBucketOptions,
    private readonly forgetAfterMs = 10 * 60_000,
  ) {}

  take(key: string): boolean {
    const now = (this.options.nowMs ?? (() => performance.now()))();
    if (this.buckets.size > 1000) {
      for (const [name, entry] of this.buckets)
        if (now - entry.lastUsedMs > this.forgetAfterMs) this.buckets.delete(name);
    }
    let entry = this.buckets.get(key);
    if (entry === undefined) {
      entry = { bucket: new TokenBucket(this.options), lastUsedMs: now };
      this.buckets.set(key, entry);
    }
    entry.lastUsedMs = now;
    return entry.bucket.take();
  }
}
