// A "song" whose samples say where they are: channel 0 counts 0..4095 in steps of 1/4096 and channel 1
// counts blocks of 4096 in steps of 1/1024, both exact in float32. Played through a PositionTap, the output
// tells which song sample the audio context rendered at each frame, with no analysis and no tolerance.
import { getPriority, setPriority } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AudioWorkletNode, type AudioContext } from 'node-web-audio-api';
import type { DecodedAudio } from '../../src/analysis/audio-decode.js';
import { RENDER_THREAD_NICE } from '../../src/engine/audio-output.js';
import { AudioPlayback, type AudioPlaybackOptions } from '../../src/engine/audio-playback.js';

const FINE_STEPS = 4096;
const COARSE_STEPS = 1024;

export function positionCodedAudio(seconds: number, sampleRate = 44100): DecodedAudio {
  const frameCount = Math.round(seconds * sampleRate);
  if (frameCount / FINE_STEPS >= COARSE_STEPS) throw new Error(`${seconds} s is too long to position-code`);
  const fine = new Float32Array(frameCount);
  const coarse = new Float32Array(frameCount);
  for (let index = 0; index < frameCount; index++) {
    fine[index] = (index % FINE_STEPS) / FINE_STEPS;
    coarse[index] = Math.floor(index / FINE_STEPS) / COARSE_STEPS;
  }
  return {
    sampleRate,
    channels: [fine, coarse],
    frameCount,
    duration: frameCount / sampleRate,
    contentHash: `position-coded-${frameCount}`,
    container: 'wav',
  };
}

/** What the context rendered at one frame: the song sample index (fractional at rates other than 1). */
export interface TappedQuantum {
  readonly contextFrame: number;
  readonly songSample: number;
}

export interface PositionTap {
  readonly node: AudioNode;
  readonly quanta: TappedQuantum[];
}

// node-web-audio-api's AudioWorklet uses Promise.withResolvers, which Node 20 lacks.
function polyfillWithResolvers(): void {
  const promise = Promise as unknown as { withResolvers?: () => unknown };
  promise.withResolvers ??= () => {
    let resolve: unknown;
    let reject: unknown;
    const created = new Promise((yes, no) => {
      resolve = yes;
      reject = no;
    });
    return { promise: created, resolve, reject };
  };
}

/** Adds a tap in front of the destination; pass `tap.node` as the playback's output. */
export async function addPositionTap(context: AudioContext): Promise<PositionTap> {
  polyfillWithResolvers();
  const here = dirname(fileURLToPath(import.meta.url));
  // The render thread (raised by the playback) waits on the worklet's thread every quantum: start that
  // thread at the same priority, or on a busy machine the pair crawls and starves everyone else.
  const previous = getPriority();
  let raised = false;
  try {
    setPriority(RENDER_THREAD_NICE);
    raised = true;
  } catch {
    // Not permitted: the tap runs at normal priority.
  }
  try {
    await context.audioWorklet.addModule(join(here, 'position-tap-processor.mjs'));
  } finally {
    if (raised) setPriority(previous);
  }
  const node = new AudioWorkletNode(context, 'position-tap', { numberOfInputs: 1, numberOfOutputs: 1 });
  node.connect(context.destination);
  const quanta: TappedQuantum[] = [];
  node.port.onmessage = (message: MessageEvent<{ frame: number; fine: number; coarse: number }>) => {
    const { frame, fine, coarse } = message.data;
    if (fine === 0 && coarse === 0) return; // silence: nothing playing (sample 0 itself is indistinguishable)
    quanta.push({
      contextFrame: frame,
      songSample: Math.round(coarse * COARSE_STEPS) * FINE_STEPS + fine * FINE_STEPS,
    });
  };
  return { node, quanta };
}

/** A null-sink playback of a position-coded song with a tap in front of the destination. */
export async function openTappedPlayback(
  seconds: number,
  options: Omit<AudioPlaybackOptions, 'output' | 'prepareOutput'> = {},
): Promise<{ playback: AudioPlayback; tap: PositionTap; sampleRate: number }> {
  let tap: PositionTap | null = null;
  const audio = positionCodedAudio(seconds);
  const playback = await AudioPlayback.open(audio, {
    ...options,
    output: 'none',

    prepareOutput: async (context) => {
      tap = await addPositionTap(context);
      return tap.node;
    },
  });
  return { playback, tap: tap as unknown as PositionTap, sampleRate: audio.sampleRate };
}

/** Tapped quanta whose song position differs from where the playback's clock mapping says it is. */
export function mappingMismatches(
  playback: AudioPlayback,
  tap: PositionTap,
  sampleRate: number,
): TappedQuantum[] {
  return tap.quanta.filter((quantum) => {
    const mapped = playback.positionAtContextTime(quantum.contextFrame / sampleRate) * sampleRate;
    return Math.abs(mapped - quantum.songSample) > 0.01;
  });
}
