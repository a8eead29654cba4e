// Writes bytes no faster than the serial line carries them. A USB adapter paces by itself, but a pty
// accepts any burst and the emulated UART behind it (simavr holds ~512 bytes) drops what overflows; and
// knowing when the last byte will have left tells the link whether a frame can still arrive in time.

export interface WirePacerOptions {
  readonly baudRate: number;
  readonly write: (bytes: Uint8Array) => void;
  readonly hostNowMs: () => number;
  /** Wire time allowed ahead of the line at once (bytes handed to the OS but not yet sent). */
  readonly maxBacklogMs?: number;
}

/** 8N1: a start bit, eight data bits, a stop bit. */
const BITS_PER_BYTE = 10;
const DEFAULT_MAX_BACKLOG_MS = 2;

export class WirePacer {
  private projectedFreeAtMs = 0;
  private readonly queue: { bytes: Uint8Array; startMs: number }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly maxBacklogMs: number;
  private stopped = false;

  constructor(private readonly options: WirePacerOptions) {
    this.maxBacklogMs = options.maxBacklogMs ?? DEFAULT_MAX_BACKLOG_MS;
  }

  wireMs(byteCount: number): number {
    return (byteCount * BITS_PER_BYTE * 1000) / this.options.baudRate;
  }

  /** Host ms at which everything handed over so far will have left the wire. */
  get freeAtMs(): number {
    return Math.max(this.projectedFreeAtMs, this.options.hostNowMs());
  }

  /** Queue bytes; returns the host ms at which their last byte will have left the wire. */
  send(bytes: Uint8Array): number {
    if (this.stopped) return Number.POSITIVE_INFINITY;
    const startMs = this.freeAtMs;
    this.projectedFreeAtMs = startMs + this.wireMs(bytes.length);
    this.queue.push({ bytes, startMs });
    this.flush();
    return this.projectedFreeAtMs;
  }

  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private readonly flush = (): void => {
    this.timer = null;
    const now = this.options.hostNowMs();
    while (
      this.queue.length > 0 &&
      (this.queue[0] as { startMs: number }).startMs - now <= this.maxBacklogMs
    ) {
      this.options.write((this.queue.shift() as { bytes: Uint8Array }).bytes);
    }
    const next = this.queue[0];
    if (next !== undefined && this.timer === null) {
      this.timer = setTimeout(this.flush, Math.max(0, next.startMs - now - this.maxBacklogMs));
    }
  };
}
