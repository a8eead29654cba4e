// The live tracker over a live input (line-in or microphone, for shows with live musicians): each beat is
// heard at a host time, found from the capture's steady sample schedule, and placed on the show's timeline
// where the show clock will be at that moment.
import type { LiveBeatTracker } from '../../analysis/live/live-beat-tracker.js';
import type { LiveInput } from '../live-input/live-input.js';
import { positionAtHostTime } from '../clock-host-time.js';
import type { ShowClock } from '../show-clock.js';
import type { HeardBeats } from './heard-beats.js';

export interface InputBeatFeedOptions {
  readonly tracker: LiveBeatTracker;
  readonly input: LiveInput;
  readonly clock: ShowClock;
  readonly heard: HeardBeats;
  /**
   * Milliseconds from a sound reaching the microphone to its first sample reaching this process (the
   * capture buffer); per rig, like the output latency.
   */
  readonly captureLatencyMs?: number;
  /** The input ended or failed; the show goes on without live beats. */
  readonly onEnd?: (error: Error | null) => void;
}

export class InputBeatFeed {
  private running: Promise<void> | null = null;

  constructor(private readonly options: InputBeatFeedOptions) {
    const { tracker, input, heard } = options;
    tracker.on('beat', (event) => {
      const hostTime = (seconds: number) => {
        const arrived = input.hostTimeOfFrame(Math.round(seconds * tracker.sampleRate));
        return arrived === null ? null : arrived - (options.captureLatencyMs ?? 0);
      };
      const atMs = hostTime(event.time);
      if (atMs === null) return;
      heard.record({
        time: positionAtHostTime(this.options.clock, atMs),
        atMs,
        bpm: event.bpm,
        confidence: event.confidence,
        nextBeats: event.nextBeats.flatMap((beat) => {
          const at = hostTime(beat);
          return at === null ? [] : [positionAtHostTime(this.options.clock, at)];
        }),
        source: 'input',
      });
    });
  }

  /** Starts reading the input; resolves when it has ended (the input closed or failed). */
  start(): Promise<void> {
    this.running ??= this.run();
    return this.running;
  }

  stop(): void {
    this.options.input.close();
  }

  private async run(): Promise<void> {
    const { input, tracker, onEnd } = this.options;
    try {
      for await (const block of input) tracker.push(block.samples);
      onEnd?.(null);
    } catch (error) {
      onEnd?.(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
