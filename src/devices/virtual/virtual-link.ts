// In-memory props for previews and rehearsal: each frame "latches" at its show time, the latest frame per
// prop is kept and announced to listeners (the UI preview), exactly as a real prop would show it.
import type { Seconds } from '../../show/time.js';
import { LinkBase } from '../link-base.js';
import type { LinkProp, StampedFrame } from '../prop-link.js';
import type { ShowClock } from '../show-clock.js';

export interface ShownFrame {
  readonly propId: string;
  readonly showAt: Seconds;
  /** Show time at which it was actually shown (≥ showAt by the timer's wake-up delay). */
  readonly shownAt: Seconds;
  readonly pixels: Uint8Array;
}

export interface VirtualLinkOptions {
  readonly id: string;
  readonly props: readonly LinkProp[];
  readonly clock: ShowClock;
}

/** A frame shown more than this after its time is late: the preview missed it. */
const LATE_TOLERANCE: Seconds = 0.05;

export class VirtualLink extends LinkBase {
  readonly kind = 'virtual' as const;
  private readonly latestFrames = new Map<string, ShownFrame>();
  private readonly programs = new Map<string, { name: string; bytes: Uint8Array }>();
  private readonly frameListeners = new Set<(frame: ShownFrame) => void>();

  constructor(options: VirtualLinkOptions) {
    super({ ...options, lookahead: 0, supersede: true, lateTolerance: LATE_TOLERANCE });
  }

  connect(): Promise<void> {
    if (this.status() === 'closed') return Promise.reject(new Error(`link ${this.id} is closed`));
    this.setStatus('connected');
    this.pump.start();
    return Promise.resolve();
  }

  /** The frame each prop shows now (undefined before its first frame). */
  latest(propId: string): ShownFrame | undefined {
    return this.latestFrames.get(propId);
  }

  /** The program last uploaded to a prop, for rehearsal without the real prop. */
  program(propId: string): { name: string; bytes: Uint8Array } | undefined {
    return this.programs.get(propId);
  }

  /** Listen to every frame as it is shown; returns the unsubscribe function. */
  onFrame(listener: (frame: ShownFrame) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  uploadProgram(propId: string, program: Uint8Array, name: string): Promise<void> {
    this.pixelCountOf(propId);
    this.programs.set(propId, { name, bytes: program.slice() });
    return Promise.resolve();
  }

  blackout(): Promise<void> {
    this.discardQueued();
    const now = this.clock.now();
    for (const prop of this.props) {
      this.show({ propId: prop.propId, showAt: now, pixels: new Uint8Array(prop.pixelCount * 3) }, now);
    }
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.pump.stop();
    this.discardQueued();
    this.setStatus('closed');
    this.frameListeners.clear();
    return Promise.resolve();
  }

  protected transmit(frames: readonly StampedFrame[], now: Seconds): void {
    for (const frame of frames) {
      this.show(frame, now);
      this.counters.framesSent += 1;
    }
  }

  private show(frame: StampedFrame, now: Seconds): void {
    const shown: ShownFrame = {
      propId: frame.propId,
      showAt: frame.showAt,
      shownAt: now,
      pixels: frame.pixels,
    };
    this.latestFrames.set(frame.propId, shown);
    for (const listener of this.frameListeners) listener(shown);
  }
}
