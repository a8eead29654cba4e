// The live tracker over the playing song, for the seconds before the whole-song analysis is in: the song's
// own samples are fed in as the playhead passes them, so each beat comes out in song time, announced a
// little before the playhead reaches it, whatever the playback rate. A seek, a loop or a pause starts the
// tracker afresh at the new position.
import { mixToMono } from '../../analysis/dsp/mono-downmix.js';
import type { LiveBeatTracker } from '../../analysis/live/live-beat-tracker.js';
import type { ShowClock } from '../show-clock.js';
import type { HeardBeats } from './heard-beats.js';

export interface SongBeatFeedOptions {
  readonly tracker: LiveBeatTracker;
  /** The decoded song's channels at the tracker's sample rate (mixed to mono a stretch at a time). */
  readonly channels: readonly Float32Array[];
  readonly clock: ShowClock;
  readonly heard: HeardBeats;
  /** False once the show has its analysed beat grid: the feed then idles. */
  readonly wanted: () => boolean;
  readonly feedEveryMs?: number;
}

/** A playhead further than this from where feeding stopped is a jump, not the next stretch. */
const JUMP_SECONDS = 0.25;

export class SongBeatFeed {
  private timer: NodeJS.Timeout | null = null;
  /** Next sample index of the song to feed; null when the tracker has to start afresh. */
  private fedUpTo: number | null = null;
  private streamStart = 0;

  constructor(private readonly options: SongBeatFeedOptions) {
    options.tracker.on('beat', (event) => {
      const position = (seconds: number) => this.streamStart + seconds;
      options.heard.record({
        time: position(event.time),
        atMs: this.hostTimeOf(position(event.time)),
        bpm: event.bpm,
        confidence: event.confidence,
        nextBeats: event.nextBeats.map(position),
        source: 'song',
      });
    });
  }

  start(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(this.feed, this.options.feedEveryMs ?? 20);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private hostTimeOf(position: number): number {
    const { clock } = this.options;
    return clock.hostNowMs() + ((position - clock.now()) / clock.state.rate) * 1000;
  }

  private readonly feed = (): void => {
    const { clock, tracker, channels, wanted, heard } = this.options;
    const songLength = channels[0]?.length ?? 0;
    if (!clock.state.playing || !wanted()) {
      if (this.fedUpTo !== null) heard.clear();
      this.fedUpTo = null;
      return;
    }
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
