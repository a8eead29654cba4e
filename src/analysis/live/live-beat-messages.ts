import type { LiveBeatEvent } from './live-beat-event.js';

/** To the live-beat worker. Blocks are mono samples in stream order. */
export type LiveBeatWorkerRequest =
  /** A new stream (the first, or after a jump in the input): the tracker forgets the old one. */
  | { readonly type: 'start'; readonly sampleRate: number; readonly stream: number }
  | { readonly type: 'block'; readonly samples: Float32Array }
  /** A whole recording, processed hop by hop in stream order as fast as the CPU allows. */
  | { readonly type: 'recording'; readonly samples: Float32Array; readonly sampleRate: number }
  | { readonly type: 'stop' };

/** From the live-beat worker. */
export type LiveBeatWorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'beats'; readonly stream: number; readonly events: readonly LiveBeatEvent[] }
  | {
      readonly type: 'recording-done';
      readonly events: readonly LiveBeatEvent[];
      readonly cpuSeconds: number;
      readonly bpm: number | null;
    }
  | { readonly type: 'error'; readonly message: string };
