// Holds stamped frames until their transmit moment (show time − lead) and hands the due ones to the link.
// One pump per link: every driver shares the same queueing, superseding and wake-up logic.
import type { Seconds } from '../show/time.js';
import type { StampedFrame } from './prop-link.js';
import type { ShowClock } from './show-clock.js';

/** Longest sleep between checks: an injected clock may jump (seek, tests), so never sleep blind for long. */
const MAX_SLEEP_MS = 20;

export interface FramePumpOptions {
  readonly clock: ShowClock;
  /** Transmit a frame this long before its show time. */
  readonly lead: Seconds;
  /** Frames kept waiting at most; beyond it the oldest are dropped. */
  readonly capacity?: number;
  /**
   * Links that latch on arrival (no timestamps) only want the newest due frame per prop: the older ones
   * are superseded. Links whose device latches at a stamped time want every frame.
   */
  readonly supersede: boolean;
  /** Called with the due frames, oldest first. */
  readonly onDue: (frames: readonly StampedFrame[], now: Seconds) => void;
  /** Called with how many frames were discarded unshown (superseded or overflow). */
  readonly onDropped: (count: number) => void;
}

export class FramePump {
  private readonly queue: StampedFrame[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private readonly capacity: number;

  constructor(private readonly options: FramePumpOptions) {
    this.capacity = options.capacity ?? 1024;
  }

  get size(): number {
    return this.queue.length;
  }

  push(frame: StampedFrame): void {
    // Frames almost always arrive in time order: append, else insert in place.
    let index = this.queue.length;
    while (index > 0 && (this.queue[index - 1] as StampedFrame).showAt > frame.showAt) index -= 1;
    this.queue.splice(index, 0, frame);
    if (this.queue.length > this.capacity) {
      this.queue.shift();
      this.options.onDropped(1);
    }
    if (index === 0) this.arm();
  }

  start(): void {
    this.running = true;
    this.arm();
  }

  stop(): void {
    this.running = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Drop everything queued; returns the count. */
  clear(): number {
    const count = this.queue.length;
    this.queue.length = 0;
    return count;
  }

  private arm(): void {
    if (!this.running) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const head = this.queue[0];
    if (head === undefined) return;
    const waitMs = (head.showAt - this.options.lead - this.options.clock.now()) * 1000;
    this.timer = setTimeout(this.fire, Math.max(0, Math.min(MAX_SLEEP_MS, waitMs)));
  }

  private readonly fire = (): void => {
    this.timer = null;
    const now = this.options.clock.now();
    const horizon = now + this.options.lead;
    let dueCount = 0;
    while (dueCount < this.queue.length && (this.queue[dueCount] as StampedFrame).showAt <= horizon)
      dueCount += 1;
    if (dueCount > 0) {
      const due = this.queue.splice(0, dueCount);
      if (!this.options.supersede) {
        this.options.onDue(due, now);
        this.arm();
        return;
      }
      const newestPerProp = new Map<string, StampedFrame>();
      for (const frame of due) newestPerProp.set(frame.propId, frame);
      const superseded = due.length - newestPerProp.size;
      if (superseded > 0) this.options.onDropped(superseded);
      const ordered = [...newestPerProp.values()].sort((a, b) => a.showAt - b.showAt);
      this.options.onDue(ordered, now);
    }
    this.arm();
  };
}
