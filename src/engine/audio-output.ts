// Opens where the music goes: the default ALSA device, or a null sink that renders in real time and
// plays nowhere (a machine with no sound card, a headless rehearsal, the tests).
import { AudioContext } from 'node-web-audio-api';

/** `auto`: the device if there is one, else the null sink; `device`: the device or an error; `none`: null sink. */
export type AudioOutputChoice = 'auto' | 'device' | 'none';
export type AudioSink = 'device' | 'none';
export type LatencyHint = 'interactive' | 'balanced' | 'playback';

export interface OpenedAudioOutput {
  readonly context: AudioContext;
  readonly sink: AudioSink;
  /** Why `auto` fell back to the null sink, or null. */
  readonly fallbackReason: string | null;
}

export class AudioOutputError extends Error {
  override readonly name = 'AudioOutputError';
}

function openNullSink(sampleRate: number): AudioContext {
  // The DOM typings predate AudioSinkOptions; node-web-audio-api implements it.
  const options: AudioContextOptions & { sinkId: { type: 'none' } } = {
    sampleRate,
    sinkId: { type: 'none' },
  };
  return new AudioContext(options);
}

function openDevice(sampleRate: number, latencyHint: LatencyHint): AudioContext {
  try {
    return new AudioContext({ sampleRate, latencyHint });
  } catch {
    // The card may not run at the song's rate: take its own and let the source resample.
    return new AudioContext({ latencyHint });
  }
}

function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] as string;
}

export function openAudioOutput(
  choice: AudioOutputChoice,
  sampleRate: number,
  latencyHint: LatencyHint = 'playback',
): OpenedAudioOutput {
  if (choice === 'none') {
    return { context: openNullSink(sampleRate), sink: 'none', fallbackReason: null };
  }
  try {
    return { context: openDevice(sampleRate, latencyHint), sink: 'device', fallbackReason: null };
  } catch (error) {
    if (choice === 'device') {
      throw new AudioOutputError(
        `no audio output device: ${reason(error)} (choose the null sink for a headless rehearsal)`,
        { cause: error },
      );
    }
    const context = openNullSink(sampleRate);
    return {
      context,
      sink: 'none',
      fallbackReason: `no audio output device (${reason(error)}): playing to the null sink`,
    };
  }
}
