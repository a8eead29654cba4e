// Live audio in, for the live beat tracker: a line-in or microphone through ALSA (arecord), or any
// recording played in at real-time pace (ffmpeg -re), or any raw PCM stream. All three come out the same:
// mono Float32 blocks stamped with the host time their first sample arrived.
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { SampleClockSmoother } from '../sample-clock-smoother.js';
import { PcmBlockCutter, BYTES_PER_SAMPLE, type PcmFormat } from './pcm-blocks.js';

export interface CapturedBlock {
  /** Mono samples in [-1, 1]. */
  readonly samples: Float32Array<ArrayBuffer>;
  readonly sampleRate: number;
  /** Index of the block's first sample in the stream. */
  readonly startFrame: number;
  /**
   * Host time (performance.now ms) at which the first sample reached this process on the stream's steady
   * schedule. The capture buffer's own latency (about one ALSA period) comes before it: calibrate for it.
   */
  readonly capturedAtMs: number;
}

export interface LiveInputOptions {
  readonly sampleRate?: number;
  /** Frames per block. */
  readonly blockFrames?: number;
  /** Blocks nobody reads are dropped, oldest first, beyond this many seconds. */
  readonly maxQueuedSeconds?: number;
  readonly hostClock?: () => number;
}

export class LiveInputError extends Error {
  override readonly name = 'LiveInputError';
}

const DEFAULTS = { sampleRate: 44100, blockFrames: 512, maxQueuedSeconds: 5 };
// Small ALSA periods so blocks arrive every 10 ms rather than in 125 ms bursts (arecord's default).
const ALSA_PERIOD_MICROSECONDS = 10_000;
const ALSA_BUFFER_MICROSECONDS = 80_000;
/**
 * A captured period reaches the process once it is full: its first sample was at the microphone one period
 * earlier. The default capture latency of an ALSA input; a rig measures its own (converter, cables).
 */
export const ALSA_CAPTURE_LATENCY_MS = ALSA_PERIOD_MICROSECONDS / 1000;
const STDERR_KEPT_BYTES = 4096;

interface ChildSource {
  readonly command: string;
  readonly args: readonly string[];
  /** The Debian package that provides the command. */
  readonly debianPackage: string;
  /** One line saying why the child failed, from its exit code and the end of its stderr. */
  readonly describeFailure: (stderr: string, code: number | null) => string;
}

function lastLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .at(-1) ?? ''
  );
}

export class LiveInput implements AsyncIterable<CapturedBlock> {
  private readonly queue: CapturedBlock[] = [];
  private wake: (() => void) | null = null;
  private ended = false;
  private failure: LiveInputError | null = null;
  private readonly cutter: PcmBlockCutter;
  private readonly smoother = new SampleClockSmoother();
  readonly sampleRate: number;
  private readonly blockFrames: number;
  private readonly maxQueued: number;
  private readonly hostClock: () => number;
  private framesReceived = 0;
  private framesCut = 0;
  private lastCapturedAtMs = -Infinity;
  private stopSource: () => void = () => {};
  private settleReady: { resolve: () => void; reject: (error: LiveInputError) => void } | null = null;
  private readonly readyPromise: Promise<void>;
  /** Blocks dropped because nobody read them in time. */
  droppedBlocks = 0;

  private constructor(
    readonly label: string,
    private readonly format: PcmFormat,
    options: LiveInputOptions,
  ) {
    this.sampleRate = options.sampleRate ?? DEFAULTS.sampleRate;
    this.blockFrames = options.blockFrames ?? DEFAULTS.blockFrames;
    this.maxQueued = Math.ceil(
      ((options.maxQueuedSeconds ?? DEFAULTS.maxQueuedSeconds) * this.sampleRate) / this.blockFrames,
    );
    this.hostClock = options.hostClock ?? (() => performance.now());
    this.cutter = new PcmBlockCutter(format, this.blockFrames);
    this.readyPromise = new Promise((resolve, reject) => {
      this.settleReady = { resolve, reject };
    });
    this.readyPromise.catch(() => {}); // the failure is also thrown by the iterator; nobody must await both
  }

  /** Captures from an ALSA device (a line-in or microphone) through arecord. */
  static alsa(options: LiveInputOptions & { device?: string } = {}): LiveInput {
    const device = options.device ?? 'default';
    const sampleRate = options.sampleRate ?? DEFAULTS.sampleRate;
    const input = new LiveInput(`ALSA capture "${device}"`, 's16le', options);
    input.startChild({
      command: 'arecord',
      args: [
        '-q',
        '-D',
        device,
        '-t',
        'raw',
        '-f',
        'S16_LE',
        '-c',
        '1',
        '-r',
        String(sampleRate),
        `--period-time=${ALSA_PERIOD_MICROSECONDS}`,
        `--buffer-time=${ALSA_BUFFER_MICROSECONDS}`,
      ],
      debianPackage: 'alsa-utils',
      describeFailure: (stderr) => {
        if (/no soundcards found|audio open error|cannot find card|Unknown PCM/i.test(stderr)) {
          return `no capture device "${device}": ${lastLine(stderr)} (arecord -l lists the capture cards)`;
        }
        return `capture from "${device}" failed: ${lastLine(stderr) || 'arecord exited'}`;
      },
    });
    return input;
  }

  /** Plays a recording in at real-time pace (any format ffmpeg reads): a rehearsal stand-in for line-in. */
  static file(path: string, options: LiveInputOptions = {}): LiveInput {
    const sampleRate = options.sampleRate ?? DEFAULTS.sampleRate;
    const input = new LiveInput(`recording ${path}`, 'f32le', options);
    input.startChild({
      command: 'ffmpeg',
      args: [
        '-hide_banner',
        '-nostdin',
        '-loglevel',
        'error',
        '-re',
        '-i',
        path,
        '-f',
        'f32le',
        '-ac',
        '1',
        '-ar',
        String(sampleRate),
        '-',
      ],
      debianPackage: 'ffmpeg',
      describeFailure: (stderr) => `cannot play ${path} in: ${lastLine(stderr) || 'ffmpeg exited'}`,
    });
    return input;
  }

  /** Reads raw mono PCM from a stream (a pipe, a socket), at whatever pace it comes. */
  static stream(
    readable: Readable,
    options: LiveInputOptions & { format?: PcmFormat; label?: string } = {},
  ): LiveInput {
    const input = new LiveInput(options.label ?? 'PCM stream', options.format ?? 'f32le', options);
    readable.on('data', (chunk: Buffer) => input.receive(chunk));
    readable.once('end', () => input.finish());
    readable.once('error', (error) => input.fail(`capture stopped: ${error.message}`));
    input.stopSource = () => readable.destroy();
    return input;
  }

  /** Resolves when the first block is in; rejects with a LiveInputError if the source fails before that. */
  ready(): Promise<void> {
    return this.readyPromise;
  }

  /** Host time (ms) at which stream frame `frame` arrived, on the stream's steady schedule. */
  hostTimeOfFrame(frame: number): number | null {
    const offset = this.smoother.scheduleOffsetMs();
    return offset === null ? null : offset + (frame / this.sampleRate) * 1000;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<CapturedBlock> {
    for (;;) {
      const block = this.queue.shift();
      if (block !== undefined) {
        yield block;
        continue;
      }
      if (this.failure !== null) throw this.failure;
      if (this.ended) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  /** Stops capturing; the iterator ends after the blocks already in. */
  close(): void {
    if (this.ended || this.failure !== null) return;
    this.ended = true;
    this.stopSource();
    this.settleReady?.reject(new LiveInputError(`${this.label}: closed before any audio arrived`));
    this.notify();
  }

  private startChild(source: ChildSource): void {
    const child = spawn(source.command, [...source.args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-STDERR_KEPT_BYTES);
    });
    child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    child.once('error', (error: NodeJS.ErrnoException) => {
      this.fail(
        error.code === 'ENOENT'
          ? `${source.command} is not installed (apt-get install ${source.debianPackage})`
          : `cannot start ${source.command}: ${error.message}`,
      );
    });
    child.once('close', (code, signal) => {
      if (this.ended) return;
      if (code === 0) this.finish();
      else
        this.fail(source.describeFailure(stderr, code) + (signal === null ? '' : ` (killed by ${signal})`));
    });
    this.stopSource = () => child.kill('SIGTERM');
  }

  private receive(chunk: Buffer): void {
    if (this.ended || this.failure !== null) return;
    const arrivedMs = this.hostClock();
    this.framesReceived += chunk.length / BYTES_PER_SAMPLE[this.format];
    this.smoother.observe(arrivedMs, Math.floor(this.framesReceived) / this.sampleRate);
    for (const samples of this.cutter.push(chunk)) this.enqueue(samples);
  }

  private enqueue(samples: Float32Array<ArrayBuffer>): void {
    const startFrame = this.framesCut;
    this.framesCut += samples.length;
    // Never earlier than the block before: when the stream's schedule is re-learnt, stamps hold, not jump back.
    const capturedAtMs = Math.max(
      this.hostTimeOfFrame(startFrame) ?? this.hostClock(),
      this.lastCapturedAtMs,
    );
    this.lastCapturedAtMs = capturedAtMs;
    this.queue.push({ samples, sampleRate: this.sampleRate, startFrame, capturedAtMs });
    if (this.queue.length > this.maxQueued) {
      this.queue.shift();
      this.droppedBlocks++;
    }
    this.settleReady?.resolve();
    this.settleReady = null;
    this.notify();
  }

  private finish(): void {
    const rest = this.cutter.flush();
    if (rest !== null) this.enqueue(rest);
    this.ended = true;
    this.settleReady?.reject(new LiveInputError(`${this.label}: the source ended without any audio`));
    this.notify();
  }

  private fail(reason: string): void {
    if (this.ended || this.failure !== null) return;
    this.failure = new LiveInputError(`${this.label}: ${reason}`);
    this.settleReady?.reject(this.failure);
    this.settleReady = null;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
