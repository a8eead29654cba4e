// The live tracker over the playing song, for the seconds before the whole-song analysis is in: the song's
// own samples are fed in as the playhead passes them, so each beat comes out in song time, announced a
// little before the playhead reaches it, whatever the playback rate. A seek, a loop or a pause starts the
// tracker afresh at the new position. The tracker (a worker thread with aubio's wasm heap) exists only
// while it is wanted: a show with its grid, which is nearly every show, pays nothing for it.
import { mixToMono } from '../../analysis/dsp/mono-downmix.js';
import type { LiveBeatTracker } from '../../analysis/live/live-beat-tracker.js';
import { hostTimeAtPosition } from '../clock-host-time.js';
import type { ShowClock } from '../show-clock.js';
import type { HeardBeats } from './heard-beats.js';

export interface SongBeatFeedOptions {
  /** A fresh tracker at the song's sample rate, made when the song plays and no grid is in yet. */
  readonly createTracker: () => LiveBeatTracker;
  /** The decoded song's channels (mixed to mono a stretch at a time). */
  readonly channels: readonly Float32Array[];
  readonly clock: ShowClock;
  readonly heard: HeardBeats;
  /** False once the show has its analysed beat grid: the tracker then stops. */
  readonly wanted: () => boolean;
  readonly feedEveryMs?: number;
}

/** A playhead further than this from where feeding stopped is a jump, not the next stretch. */
const JUMP_SECONDS = 0.25;

export class SongBeatFeed {
  private timer: NodeJS.Timeout | null = null;
  private tracker: LiveBeatTracker | null = null;
  /** Next sample index of the song to feed; null when the tracker has to start afresh. */
  private fedUpTo: number | null = null;
  private streamStart = 0;

  constructor(private readonly options: SongBeatFeedOptions) {}

  /** Whether a tracker is running now (a worker thread exists). */
  get tracking(): boolean {
    return this.tracker !== null;
  }

  start(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(this.feed, this.options.feedEveryMs ?? 20);
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.releaseTracker();
  }

  private async releaseTracker(): Promise<void> {
    const tracker = this.tracker;
    this.tracker = null;
    this.fedUpTo = null;
    await tracker?.stop();
  }

  private trackerNow(): LiveBeatTracker {
    if (this.tracker !== null) return this.tracker;
    const tracker = this.options.createTracker();
    tracker.on('beat', (event) => {
      if (tracker !== this.tracker) return;
      const position = (seconds: number) => this.streamStart + seconds;
      this.options.heard.record({
        time: position(event.time),
        atMs: hostTimeAtPosition(this.options.clock, position(event.time)),
        bpm: event.bpm,
        confidence: event.confidence,
        nextBeats: event.nextBeats.map(position),
        source: 'song',
      });
    });
    this.tracker = tracker;
    return tracker;
  }

  private readonly feed = (): void => {
    const { clock, channels, wanted, heard } = this.options;
    if (!wanted()) {
      if (this.tracker !== null) {
        heard.clear();
        void this.releaseTracker();
      }
      return;
    }
    if (!clock.state.playing) {
      if (this.fedUpTo !== null) heard.clear();
      this.fedUpTo = null;
      return;
    }
    const tracker = this.trackerNow();
    const songLength = channels[0]?.length ?? 0;
    const sampleRate = tracker.sampleRate;
    const playhead = Math.min(songLength, Math.max(0, Math.round(clock.now() * sampleRate)));
    const jumped =
      this.fedUpTo !== null &&
      (playhead < this.fedUpTo || playhead - this.fedUpTo > JUMP_SECONDS * sampleRate);
    if (this.fedUpTo === null || jumped) {
      tracker.restart();
      heard.clear();
      this.fedUpTo = playhead;
      this.streamStart = playhead / sampleRate;
      return;
    }
    const from = this.fedUpTo;
    if (playhead > from) tracker.push(mixToMono(channels.map((channel) => channel.slice(from, playhead))));
    this.fedUpTo = playhead;
  };
}
