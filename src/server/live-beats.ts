// Where the daemon's live beats come from: a live input (line-in or microphone through ALSA, or a recording
// played in at real-time pace for rehearsal) when the show has live musicians, else the playing song itself
// for the seconds before its analysis is in. Either way a failing input or tracker is logged and the show
// goes on without live beats.
import type { DecodedAudio } from '../analysis/audio-decode.js';
import { LiveBeatTracker } from '../analysis/live/live-beat-tracker.js';
import { HeardBeats } from '../engine/live-beats/heard-beats.js';
import { InputBeatFeed } from '../engine/live-beats/input-beat-feed.js';
import { SongBeatFeed } from '../engine/live-beats/song-beat-feed.js';
import { ALSA_CAPTURE_LATENCY_MS, LiveInput } from '../engine/live-input/live-input.js';
import type { ShowClock } from '../engine/show-clock.js';
import type { BeatGrid, Show } from '../show/index.js';
import { LiveInputStatus } from './live-input-status.js';

export interface LiveBeatsOptions {
  readonly clock: ShowClock;
  /** The song being played, if any. */
  readonly audio: DecodedAudio | null;
  /** `alsa`, `alsa:DEVICE` or the path of a recording to play in at real-time pace; none: the song. */
  readonly liveInput?: string | undefined;
  /** The show's own beat grid, when it has one, makes the song feed unnecessary. */
  readonly showHasBeatGrid: () => boolean;
  /** Default: one ALSA period for a capture card, 0 for a recording played in. */
  readonly captureLatencyMs?: number;
  readonly log: (line: string) => void;
}

export interface LiveBeats {
  readonly heard: HeardBeats;
  /** Where the beats come from: the live input, the playing song, or nowhere. */
  readonly source: 'input' | 'song' | 'none';
  /** The live input's state for the operators (null without one); 'changed' on every status change. */
  readonly input: LiveInputStatus;
  /** The song now playing (after a new one is loaded); the live input, if any, goes on regardless. */
  setSong(audio: DecodedAudio | null): Promise<void>;
  stop(): Promise<void>;
}

export function liveInputFrom(spec: string): LiveInput {
  if (spec === 'alsa') return LiveInput.alsa();
  if (spec.startsWith('alsa:') && spec.length > 5) return LiveInput.alsa({ device: spec.slice(5) });
  return LiveInput.file(spec);
}

export function startLiveBeats(options: LiveBeatsOptions): LiveBeats {
  const heard = new HeardBeats();
  const status = new LiveInputStatus();
  const { clock, audio, log } = options;
  const failed = (error: Error) => log(`smlive: live beats: ${error.message}; the show goes on without them`);
  if (options.liveInput !== undefined) {
    const source = options.liveInput;
    const input = liveInputFrom(source);
    const tracker = new LiveBeatTracker(input.sampleRate);
    status.set({ source });
    const inputFailed = (error: Error) => {
      failed(error);
      status.set({ source, status: 'failed', problem: error.message });
    };
    tracker.on('error', inputFailed);
    heard.on('beat', (beat) => status.set({ source, bpm: beat.bpm, confidence: beat.confidence }));
    const feed = new InputBeatFeed({
      tracker,
      input,
      clock,
      heard,
      captureLatencyMs:
        options.captureLatencyMs ?? (options.liveInput.startsWith('alsa') ? ALSA_CAPTURE_LATENCY_MS : 0),
      onEnd: (error) => {
        if (error !== null) return inputFailed(error);
        log('smlive: live input ended');
        status.set({ source, status: 'ended' });
      },
    });
    void feed.start();
    return {
      heard,
      source: 'input',
      input: status,
      setSong: async () => {},
      async stop() {
        feed.stop();
        await tracker.stop();
      },
    };
  }
  const songFeed = (song: DecodedAudio | null) => {
    if (song === null) return { stop: async () => {} };
    const feed = new SongBeatFeed({
      createTracker: () => {
        const tracker = new LiveBeatTracker(song.sampleRate);
        tracker.on('error', failed);
        return tracker;
      },
      channels: song.channels,
      clock,
      heard,
      wanted: () => !options.showHasBeatGrid(),
    });
    feed.start();
    return { stop: () => feed.stop() };
  };
  let current = songFeed(audio);
  let source: LiveBeats['source'] = audio === null ? 'none' : 'song';
  return {
    heard,
    get source() {
      return source;
    },
    input: status,
    async setSong(song) {
      const previous = current;
      current = songFeed(song);
      source = song === null ? 'none' : 'song';
      heard.clear();
      await previous.stop();
    },
    stop: () => current.stop(),
  };
}

/**
 * The show as the assistant and voice commands see it. With a live input the band sets the beat: the beats
 * heard stand in for the show's grid, so "on the next beat" is the band's next beat. With the song as the
 * source they only fill in until the show has a grid of its own.
 */
export function withHeardBeats(show: Show, beats: LiveBeats): Show {
  if (beats.source !== 'input' && show.beatGrid.beats.length > 0) return show;
  const grid: BeatGrid | null = beats.heard.grid();
  return grid === null ? show : { ...show, beatGrid: grid };
}
