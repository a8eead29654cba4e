// Owns every link of the show: maps each prop to the link that drives it, renders frames ahead of the
// show clock and hands them to the links, reports every link's state, and on shutdown blacks out all
// props before it closes any port. A failing link or render never stops the others.
import { EventEmitter } from 'node:events';
import { frameIndexAt, frameStartTime, type FrameIndex, type FrameRate, type Seconds } from '../show/time.js';
import type { LinkState, LinkStatus, PropLink } from './prop-link.js';
import type { ShowClock } from './show-clock.js';

/** The engine's renderer: every prop's pixels at a show time. */
export type RenderFrames = (showTime: Seconds) => ReadonlyMap<string, Uint8Array>;

export interface DeviceManagerEvents {
  'link-status': [linkId: string, status: LinkStatus, reason: string | null];
  /** A render or a send failed; the show went on without that frame. */
  fault: [message: string];
}

export interface DeviceManagerOptions {
  readonly clock: ShowClock;
  /** Frames are rendered this much earlier than the most demanding link needs them. */
  readonly renderMargin?: Seconds;
  /** Per-link limit for the blackout at shutdown, so a hung link cannot hold the others' ports open. */
  readonly blackoutTimeoutMs?: number;
}

const DEFAULT_RENDER_MARGIN: Seconds = 0.01;
const DEFAULT_BLACKOUT_TIMEOUT_MS = 500;
const MAX_SLEEP_MS = 5;
/** A clock that jumps back by more than this is a seek, not jitter. */
const SEEK_THRESHOLD: Seconds = 0.25;

export class DeviceManager extends EventEmitter<DeviceManagerEvents> {
  private readonly links = new Map<string, PropLink>();
  private readonly linkByProp = new Map<string, PropLink>();
  private readonly clock: ShowClock;
  private readonly renderMargin: Seconds;
  private readonly blackoutTimeoutMs: number;
  private playback: { render: RenderFrames; frameRate: FrameRate; next: FrameIndex } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private unroutedFrames = 0;
  private started = false;
  private shutDown = false;
  private readonly statusListeners = new Map<PropLink, (status: LinkStatus, reason: string | null) => void>();

  constructor(options: DeviceManagerOptions) {
    super();
    this.clock = options.clock;
    this.renderMargin = options.renderMargin ?? DEFAULT_RENDER_MARGIN;
    this.blackoutTimeoutMs = options.blackoutTimeoutMs ?? DEFAULT_BLACKOUT_TIMEOUT_MS;
  }

  /**
   * Take charge of a link and the props it drives. A prop can be driven by one link only. Once the manager
   * has started, the link starts at once.
   */
  addLink(link: PropLink): void {
    if (this.shutDown) throw new Error('device manager is shut down');
    if (this.links.has(link.id)) throw new RangeError(`a link with id ${link.id} is already managed`);
    for (const prop of link.props) {
      const owner = this.linkByProp.get(prop.propId);
      if (owner !== undefined)
        throw new RangeError(`prop ${prop.propId} is already driven by link ${owner.id}`);
    }
    this.links.set(link.id, link);
    for (const prop of link.props) this.linkByProp.set(prop.propId, link);
    const listener = (status: LinkStatus, reason: string | null) =>
      this.emit('link-status', link.id, status, reason);
    this.statusListeners.set(link, listener);
    link.on('status', listener);
    if (this.started) this.connect(link);
  }

  /**
   * Let go of a link: its props go dark (bounded in time, like at shutdown), then its port closes. Until
   * another link takes them, frames for its props are counted as unrouted.
   */
  async removeLink(linkId: string): Promise<void> {
    const link = this.links.get(linkId);
    if (link === undefined) return;
    this.links.delete(linkId);
    for (const prop of link.props)
      if (this.linkByProp.get(prop.propId) === link) this.linkByProp.delete(prop.propId);
    await this.boundedBlackout(link);
    await link.close().catch((error: unknown) => this.emit('fault', `close ${link.id}: ${describe(error)}`));
    const listener = this.statusListeners.get(link);
    if (listener !== undefined) link.off('status', listener);
    this.statusListeners.delete(link);
  }

  /** Start every link; each connects and reconnects on its own, so this never waits for a missing device. */
  start(): void {
    this.started = true;
    for (const link of this.links.values()) this.connect(link);
  }

  private connect(link: PropLink): void {
    link.connect().catch((error: unknown) => this.emit('fault', `link ${link.id}: ${describe(error)}`));
  }

  /** Every link in charge now. */
  managedLinks(): readonly PropLink[] {
    return [...this.links.values()];
  }

  link(linkId: string): PropLink | undefined {
    return this.links.get(linkId);
  }

  /** Black out every prop now, each link bounded in time; a failing link is reported, never thrown. */
  async blackout(): Promise<void> {
    await Promise.all([...this.links.values()].map((link) => this.boundedBlackout(link)));
  }

  linkOf(propId: string): PropLink | undefined {
    return this.linkByProp.get(propId);
  }

  states(): LinkState[] {
    return [...this.links.values()].map((link) => link.state());
  }

  /** Frames for props no link drives (a show prop with no device): counted, never an error. */
  get unrouted(): number {
    return this.unroutedFrames;
  }

  /** Hand one moment's frames to the links. */
  send(showAt: Seconds, frames: ReadonlyMap<string, Uint8Array>): void {
    for (const [propId, pixels] of frames) {
      const link = this.linkByProp.get(propId);
      if (link === undefined) {
        this.unroutedFrames += 1;
        continue;
      }
      try {
        link.send({ propId, showAt, pixels });
      } catch (error) {
        this.emit('fault', `frame for ${propId} at ${showAt.toFixed(3)} s: ${describe(error)}`);
      }
    }
  }

  /** Render at `frameRate` from the show clock and keep every link fed `lookahead` ahead. */
  play(render: RenderFrames, frameRate: FrameRate): void {
    if (this.shutDown) throw new Error('device manager is shut down');
    if (!(frameRate > 0)) throw new RangeError(`frame rate must be positive, got ${frameRate}`);
    this.playback = { render, frameRate, next: this.firstReachableFrame(frameRate) };
    this.schedule(0);
  }

  /** Stop rendering; queued frames still play out. */
  pause(): void {
    this.playback = null;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** After a seek: drop what was queued for the old position and render from the clock's new time. */
  resync(): void {
    for (const link of this.links.values()) link.discardQueued();
    if (this.playback !== null) this.playback.next = this.firstReachableFrame(this.playback.frameRate);
  }

  /** Stop rendering, black out every prop (each link bounded in time), then close every link. */
  async shutdown(): Promise<void> {
    if (this.shutDown) return;
    this.shutDown = true;
    this.pause();
    const links = [...this.links.values()];
    await this.blackout();
    await Promise.all(
      links.map((link) =>
        link.close().catch((error: unknown) => this.emit('fault', `close ${link.id}: ${describe(error)}`)),
      ),
    );
  }

  private longestLookahead(): Seconds {
    let lookahead = 0;
    for (const link of this.links.values()) lookahead = Math.max(lookahead, link.lookahead);
    return lookahead;
  }

  private horizon(): Seconds {
    return this.longestLookahead() + this.renderMargin;
  }

  /** The first frame every link can still deliver in time: earlier ones would only be counted late. */
  private firstReachableFrame(frameRate: FrameRate): FrameIndex {
    return frameIndexAt(this.clock.now() + this.longestLookahead(), frameRate) + 1;
  }

  private schedule(delayMs: number): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(this.tick, delayMs);
  }

  private readonly tick = (): void => {
    this.timer = null;
    const playback = this.playback;
    if (playback === null) return;
    const { frameRate } = playback;
    const now = this.clock.now();
    const horizon = now + this.horizon();
    // Behind (a stall) or ahead by more than a seek: restart at the clock; past frames are not worth sending.
    if (playback.next < frameIndexAt(now, frameRate)) playback.next = this.firstReachableFrame(frameRate);
    if (frameStartTime(playback.next, frameRate) > horizon + SEEK_THRESHOLD) this.resync();
    while (frameStartTime(playback.next, frameRate) <= horizon) {
      const showAt = frameStartTime(playback.next, frameRate);
      playback.next += 1;
      let frames: ReadonlyMap<string, Uint8Array>;
      try {
        frames = playback.render(showAt);
      } catch (error) {
        this.emit('fault', `render at ${showAt.toFixed(3)} s: ${describe(error)}`);
        continue;
      }
      this.send(showAt, frames);
    }
    const untilNextMs = (frameStartTime(playback.next, frameRate) - horizon) * 1000;
    this.schedule(Math.max(0, Math.min(MAX_SLEEP_MS, untilNextMs)));
  };

  private async boundedBlackout(link: PropLink): Promise<void> {
    let timer: NodeJS.Timeout | null = null;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.emit('fault', `blackout of ${link.id} took over ${this.blackoutTimeoutMs} ms`);
        resolve();
      }, this.blackoutTimeoutMs);
    });
    try {
      await Promise.race([
        link
          .blackout()
          .catch((error: unknown) => this.emit('fault', `blackout ${link.id}: ${describe(error)}`)),
        timeout,
      ]);
    } finally {
      if (timer !== null) clearTimeout(timer);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
