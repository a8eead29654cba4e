// The live loop: the show clock drives the renderer, and the device manager hands each frame to its link
// ahead of time. Edits, master brightness and rehearsal output change what is rendered from the next frame
// on; blackout reaches every link at once.
import type { DeviceManager } from '../devices/index.js';

import { renderFrame, type Show } from '../show/index.js';
import { frameIndexAt, type Seconds } from '../show/time.js';
import {
  applyGain,
  checkLevel,
  FULL_OUTPUT,
  propGain,
  type OutputSettings,
  type RehearsalOutput,
} from './output-gain.js';
import type { ShowClock } from './show-clock.js';

export interface LiveShowOptions {
  readonly clock: ShowClock;
  /** Blackout reaches each of its links directly, whichever links it holds at the moment. */
  readonly devices: DeviceManager;
  readonly show: Show;
  /** Called when a render or a send fails; the show goes on without that frame. */
  readonly onFault?: (message: string) => void;
}

export class LiveShow {
  private show: Show;
  private settings: OutputSettings = FULL_OUTPUT;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly pending = new Set<NodeJS.Timeout>();
  private started = false;

  constructor(private readonly options: LiveShowOptions) {
    this.show = options.show;
  }

  get currentShow(): Show {
    return this.show;
  }

  get output(): OutputSettings {
    return this.settings;
  }

  /**
   * Follow the clock: render while it plays, hold the current frame while it stands. An audio clock
   * announces a change ahead of the moment it is heard (and keeps moving until then), so a pause or seek
   * is acted on when it is heard; a play is acted on at once, so the first frames are ready in time.
   */
  start(): void {
    if (this.started) return;
    this.started = true;
    const { clock, devices } = this.options;
    this.unsubscribe.push(
      clock.on('play', () => this.follow()),
      clock.on('pause', (event) => this.whenHeard(event.heardAtMs, () => this.follow())),
      clock.on('ended', (event) => this.whenHeard(event.heardAtMs, () => this.follow())),
      clock.on('seek', (event) => this.whenHeard(event.heardAtMs, () => this.jumped())),
      clock.on('loop', (event) => this.whenHeard(event.heardAtMs, () => this.jumped())),
    );
    devices.start();
    this.follow();
  }

  /** Stop rendering; props keep their last frame until the device manager blacks them out. */
  stop(): void {
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
    this.options.devices.pause();
    this.started = false;
  }

  /** A new version of the show: on the links from the next frame. */
  setShow(show: Show): void {
    const rateChanged = show.frameRate !== this.show.frameRate;
    this.show = show;
    if (rateChanged) this.follow();
    else this.invalidate();
  }

  setMasterBrightness(level: number): void {
    checkLevel(level, 'master brightness');
    this.settings = { ...this.settings, masterBrightness: level };
    this.invalidate();
  }

  /** Rehearsal output for real props, or null for the show's own output. */
  setRehearsalOutput(rehearsal: RehearsalOutput | null): void {
    if (rehearsal !== null) checkLevel(rehearsal.dim, 'rehearsal dim');
    this.settings = { ...this.settings, rehearsal };
    this.invalidate();
  }

  /**
   * Blackout on: every link goes dark now (ahead of anything queued) and every frame rendered after it is
   * black until blackout is released.
   */
  async setBlackout(on: boolean): Promise<void> {
    if (on === this.settings.blackout) return;
    this.settings = { ...this.settings, blackout: on };
    if (!on) {
      this.invalidate();
      return;
    }
    await this.options.devices.blackout();
  }

  /** Every prop's pixels at show time t, after brightness, blackout and rehearsal output. */
  readonly render = (time: Seconds): Map<string, Uint8Array> => {
    const show = this.show;
    const frame = renderFrame(show, frameIndexAt(time, show.frameRate), show.frameRate);
    const frames = new Map<string, Uint8Array>();
    for (const { propId, pixels } of frame.props) {
      const virtual = this.options.devices.linkOf(propId)?.kind === 'virtual';
      applyGain(pixels, propGain(this.settings, virtual));
      frames.set(propId, pixels);
    }
    return frames;
  };

  private whenHeard(heardAtMs: number, action: () => void): void {
    const delayMs = heardAtMs - this.options.clock.hostNowMs();
    if (delayMs <= 0) {
      action();
      return;
    }
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      if (this.started) action();
    }, Math.ceil(delayMs));
    this.pending.add(timer);
  }

  private follow(): void {
    const { clock, devices } = this.options;
    if (clock.state.playing) devices.play(this.render, this.show.frameRate);
    else {
      devices.pause();
      this.showStill();
    }
  }

  /**
   * The state changed. While playing, frames already handed to the links play out (they reach at most the
   * lookahead ahead; a device may already hold them) and the loop renders every later frame from the new
   * state. Blackout does not wait for that: it goes to the links directly. While standing, the still frame
   * is rendered again.
   */
  private invalidate(): void {
    if (!this.started || this.options.clock.state.playing) return;
    this.showStill();
  }

  /** The playhead jumped: what was rendered ahead belongs to the old position. */
  private jumped(): void {
    if (!this.started) return;
    if (this.options.clock.state.playing) this.options.devices.resync();
    else this.showStill();
  }

  /** While the clock stands, props show the frame at the playhead, re-rendered on every change. */
  private showStill(): void {
    const now = this.options.clock.now();
    const { devices } = this.options;
    devices.resync();
    try {
      devices.send(now, this.render(now));
    } catch (error) {
      this.fault(`render at ${now.toFixed(3)} s: ${describe(error)}`);
    }
  }

  private fault(message: string): void {
    this.options.onFault?.(message);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
