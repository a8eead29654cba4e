// The live beat tracker as the rest of the program sees it: feed it mono blocks (from the playing audio or
// from an ALSA capture source) and listen for 'beat' events announced slightly ahead of each beat. The DSP
// runs in a worker thread; a failing tracker reports 'error' and never throws into the audio path.
import { EventEmitter } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../worker-thread-url.js';
import type { LiveBeatEvent } from './live-beat-event.js';
import type { LiveBeatWorkerMessage, LiveBeatWorkerRequest } from './live-beat-messages.js';

export interface LiveBeatTrackerEvents {
  beat: [event: LiveBeatEvent];
  error: [error: Error];
}

export interface RecordingResult {
  readonly events: readonly LiveBeatEvent[];
  /** CPU time the worker spent on the recording. */
  readonly cpuSeconds: number;
  /** The tempo at the end, if the tracker locked. */
  readonly bpm: number | undefined;
}

export class LiveBeatTracker extends EventEmitter<LiveBeatTrackerEvents> {
  private readonly worker: Worker;
  private readonly ready: Promise<void>;
  private pendingRecording:
    { resolve: (result: RecordingResult) => void; reject: (error: Error) => void } | undefined;
  private stopped = false;
  /** Beats of an earlier stream still in flight from the worker are dropped. */
  private stream = 0;

  constructor(readonly sampleRate: number) {
    super();
    this.worker = startModuleWorker(new URL('./live-beat-worker.ts', import.meta.url));
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (message: LiveBeatWorkerMessage) => {
        if (message.type === 'ready') resolve();
        else if (message.type === 'error') reject(new Error(message.message));
      };
      this.worker.on('message', onMessage);
      this.worker.once('error', reject);
    });
    this.worker.on('message', (message: LiveBeatWorkerMessage) => this.onMessage(message));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (!this.stopped) this.fail(new Error(`live beat tracker: worker exited with code ${code}`));
    });
    this.post({ type: 'start', sampleRate, stream: this.stream });
  }

  /**
   * Starts a new stream: what comes next does not continue what came before (a seek in the song, a
   * different input). Tempo and phase are learnt afresh; no beat of the old stream is emitted after this.
   */
  restart(): void {
    if (this.stopped) return;
    this.stream += 1;
    this.post({ type: 'start', sampleRate: this.sampleRate, stream: this.stream });
  }

  /** Resolves once aubio is loaded in the worker. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  /** Feeds the next mono block of the stream (any length). */
  push(samples: Float32Array): void {
    if (this.stopped) return;
    this.post({ type: 'block', samples });
  }

  /**
   * Runs a fresh tracker over a whole recording in stream order, as fast as it computes, and returns every
   * beat it announced (the same events a real-time run would emit, without waiting for real time). The
   * streaming state fed by push() is not touched.
   */
  async trackRecording(
    samples: Float32Array,
    sampleRate: number = this.sampleRate,
  ): Promise<RecordingResult> {
    await this.ready;
    if (this.pendingRecording) throw new Error('a recording is already being tracked');
    return new Promise((resolve, reject) => {
      this.pendingRecording = { resolve, reject };
      this.post({ type: 'recording', samples, sampleRate });
    });
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.worker.terminate();
  }

  private post(request: LiveBeatWorkerRequest): void {
    this.worker.postMessage(request);
  }

  private onMessage(message: LiveBeatWorkerMessage): void {
    switch (message.type) {
      case 'ready':
        return;
      case 'beats':
        if (message.stream !== this.stream) return;
        for (const event of message.events) this.emit('beat', event);
        return;
      case 'recording-done': {
        const pending = this.pendingRecording;
        this.pendingRecording = undefined;
        pending?.resolve({
          events: message.events,
          cpuSeconds: message.cpuSeconds,
          bpm: message.bpm ?? undefined,
        });
        return;
      }
      case 'error':
        this.fail(new Error(`live beat tracker: ${message.message}`));
        return;
      default:
        message satisfies never;
    }
  }

  private fail(error: Error): void {
    this.pendingRecording?.reject(error);
    this.pendingRecording = undefined;
    // An unhandled 'error' event would throw; the show must go on, so say it on stderr instead.
    if (this.listenerCount('error') > 0) this.emit('error', error);
    else console.error(error.message);
  }
}
