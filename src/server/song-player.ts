// The song the daemon plays and the clock it plays on. It opens the show's song at start (a silent
// VirtualClock when there is none or it cannot be played) and loads another while the show runs, behind
// the same SwitchableClock, so every part holding the clock keeps it.
import { decodeAudioFile, type DecodedAudio } from '../analysis/audio-decode.js';
import type { WaveformPeaks } from '../contracts/index.js';
import { AudioPlayback } from '../engine/audio-playback.js';
import type { AudioOutputChoice } from '../engine/audio-output.js';
import { SwitchableClock, type ClockSource } from '../engine/switchable-clock.js';
import { VirtualClock } from '../engine/virtual-clock.js';
import type { Seconds } from '../show/time.js';
import { songWaveform } from './song-waveform.js';

/** The song behind the clock now: all null for a show without one (or whose song cannot play). */
export interface PlayingSong {
  readonly path: string | null;
  readonly audio: DecodedAudio | null;
  readonly peaks: WaveformPeaks | null;
}

const NO_SONG: PlayingSong = { path: null, audio: null, peaks: null };

export class SongPlayer {
  private playing: PlayingSong;
  private closed = false;

  private constructor(
    readonly clock: SwitchableClock,
    song: PlayingSong,
    private readonly output: AudioOutputChoice,
    private readonly log: (line: string) => void,
  ) {
    this.playing = song;
  }

  /** Opens the song at `path` (null: none); a song that cannot play leaves a silent clock, logged. */
  static async open(
    path: string | null,
    showDuration: Seconds,
    output: AudioOutputChoice,
    log: (line: string) => void,
  ): Promise<SongPlayer> {
    let opened: { source: ClockSource; song: PlayingSong };
    try {
      opened = await openSource(path, showDuration, output, log);
    } catch (error) {
      log(`smlive: cannot play ${path} (${describe(error)}): running on a silent clock`);
      opened = { source: new VirtualClock({ duration: showDuration }), song: NO_SONG };
    }
    return new SongPlayer(new SwitchableClock(opened.source), opened.song, output, log);
  }

  get song(): PlayingSong {
    return this.playing;
  }

  /**
   * Puts the song at `path` (null: none, a silent clock of `showDuration`) behind the clock, paused at 0.
   * False when it cannot be loaded: that is logged, and the song before keeps playing.
   */
  async load(path: string | null, showDuration: Seconds): Promise<boolean> {
    let audio: DecodedAudio | null = null;
    try {
      if (path !== null) audio = await decodeAudioFile(path);
    } catch (error) {
      this.log(`smlive: cannot load ${path} (${describe(error)}): the song before plays on`);
      return false;
    }
    if (this.closed) return false;
    const song: PlayingSong = audio === null ? NO_SONG : { path, audio, peaks: songWaveform(audio) };
    this.playing = song;
    try {
      await this.clock.switchTo(
        () =>
          audio === null
            ? Promise.resolve(new VirtualClock({ duration: showDuration }))
            : openPlayback(audio, this.output, this.log),
        audio?.duration ?? showDuration,
      );
    } catch (error) {
      this.log(`smlive: cannot play ${path} (${describe(error)}): running on a silent clock`);
      this.playing = NO_SONG;
    }
    return true;
  }

  close(): Promise<void> {
    this.closed = true;
    return this.clock.close();
  }
}

async function openSource(
  path: string | null,
  showDuration: Seconds,
  output: AudioOutputChoice,
  log: (line: string) => void,
): Promise<{ source: ClockSource; song: PlayingSong }> {
  if (path === null) return { source: new VirtualClock({ duration: showDuration }), song: NO_SONG };
  const audio = await decodeAudioFile(path);
  const playback = await openPlayback(audio, output, log);
  return { source: playback, song: { path, audio, peaks: songWaveform(audio) } };
}

async function openPlayback(
  audio: DecodedAudio,
  output: AudioOutputChoice,
  log: (line: string) => void,
): Promise<AudioPlayback> {
  const playback = await AudioPlayback.open(audio, { output });
  if (playback.fallbackReason !== null)
    log(`smlive: no sound device (${playback.fallbackReason}): the music plays silently`);
  return playback;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
