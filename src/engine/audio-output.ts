// Opens where the music goes: the default ALSA device, or a null sink that renders in real time and
// plays nowhere (a machine with no sound card, a headless rehearsal, the tests).
import { getPriority, setPriority } from 'node:os';
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
  /** The nice value the render thread got (negative: ahead of ordinary work), or null if it could not be raised. */
  readonly renderThreadNice: number | null;
}

/** How much more urgent than the rest of the machine the audio render thread asks to be. */
export const RENDER_THREAD_NICE = -11;

/**
 * Creates the context with the calling thread's priority raised, so the render thread it spawns inherits
 * it (Linux threads take their nice value from their creator), then puts the calling thread back. A busy
 * machine then delays the lights' JavaScript, never the music. Without the right to raise it (not root,
 * no CAP_SYS_NICE) the context is created at normal priority.
 */
function withRaisedPriority(
  create: () => AudioContext,
  raise: boolean,
): { context: AudioContext; nice: number | null } {
  if (!raise) return { context: create(), nice: null };
  const previous = getPriority();
  let raised = false;
  try {
    setPriority(RENDER_THREAD_NICE);
    raised = true;
  } catch {
    // Not permitted: carry on at normal priority.
  }
  try {
    return { context: create(), nice: raised ? RENDER_THREAD_NICE : null };
  } finally {
    if (raised) setPriority(previous);
  }
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
  raiseRenderPriority = true,
): OpenedAudioOutput {
  if (choice === 'none') {
    const { context, nice } = withRaisedPriority(() => openNullSink(sampleRate), raiseRenderPriority);
    return { context, sink: 'none', fallbackReason: null, renderThreadNice: nice };
  }
  try {
    const { context, nice } = withRaisedPriority(
      () => openDevice(sampleRate, latencyHint),
      raiseRenderPriority,
    );
    return { context, sink: 'device', fallbackReason: null, renderThreadNice: nice };
  } catch (error) {
    if (choice === 'device') {
      throw new AudioOutputError(
        `no audio output device: ${reason(error)} (choose the null sink for a headless rehearsal)`,
        { cause: error },
      );
    }
    const { context, nice } = withRaisedPriority(() => openNullSink(sampleRate), raiseRenderPriority);
    return {
      context,
      sink: 'none',
      fallbackReason: `no audio output device (${reason(error)}): playing to the null sink`,
      renderThreadNice: nice,
    };
  }
}
