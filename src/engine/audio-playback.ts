// Plays a decoded song through node-web-audio-api and is the show clock: the heard position is derived
// from the audio context's time (smoothed against the host clock), minus the output latency the device
// reports, minus this rig's calibration. Every transport change is scheduled at an exact, frame-aligned
// context time a little ahead, so the clock knows to the sample where the playhead is.
import type { AudioContext } from 'node-web-audio-api';
import { AudioBuffer, AudioBufferSourceNode } from 'node-web-audio-api';
import type { DecodedAudio } from '../analysis/audio-decode.js';
import type { Seconds } from '../show/time.js';
import { openAudioOutput, type AudioOutputChoice, type AudioSink, type LatencyHint } from './audio-output.js';
import { ClockEvents } from './clock-events.js';
import { SampleClockSmoother } from './sample-clock-smoother.js';
import {
  checkPosition,
  checkRate,
  TransportError,
  type ShowClock,
  type ShowClockEventName,
  type ShowClockListener,
  type ShowClockState,
  type Transport,
} from './show-clock.js';
import {
  endTime,
  loopCount,
  loopProblem,
  positionAt,
  segmentAt,
  type LoopRange,
  type TransportSegment,
} from './transport-timeline.js';

export interface AudioPlaybackOptions {
  readonly output?: AudioOutputChoice;
  readonly latencyHint?: LatencyHint;
  /** Seconds the sound reaches the audience later than the device reports (per rig; may be negative). */
  readonly calibrationSeconds?: number;
  /** Host clock in ms (performance.now by default): injected so tests and benchmarks can read the same one. */
  readonly hostClock?: () => number;
  /** How far ahead of the context's time a transport change is scheduled, so it lands on an exact frame. */
  readonly scheduleLeadSeconds?: number;
  /** How often the clock samples the context and watches for loops and the song's end. */
  readonly pollIntervalMs?: number;
  /**
   * Whether the render thread runs ahead of ordinary work (default true). A graph with an AudioWorklet
   * should not: its render thread waits on a JavaScript worker at normal priority.
   */
  readonly raiseRenderPriority?: boolean;
  /** Where the music goes in the graph (a test inserts a tap here); the context's destination by default. */
  readonly prepareOutput?: (context: AudioContext) => Promise<AudioNode>;
}

export interface ClockMeasurement {
  readonly hostMs: number;
  /** The context's own time, as read: it moves in render quanta. */
  readonly contextTime: number;
  /** The smoothed context time the clock used. */
  readonly smoothedContextTime: number;
  /** What now() returns at this instant. */
  readonly position: Seconds;
  /** The song position the raw context time maps to. */
  readonly rawPosition: Seconds;
}

const DEFAULT_LEAD_SECONDS = 0.03;
const DEFAULT_POLL_MS = 10;

export class AudioPlayback implements ShowClock, Transport {
  private readonly events = new ClockEvents();
  private readonly smoother = new SampleClockSmoother();
  private readonly buffer: AudioBuffer;
  private segments: TransportSegment[];
  private source: AudioBufferSourceNode | null = null;
  private readonly poller: NodeJS.Timeout;
  private lastLoopCount = 0;
  private lastPosition: Seconds = 0;
  private closed = false;
  private calibration: number;
  // Read when the transport changes, not on every read: a device's reported latency wobbles, and a
  // wobble here would move the clock back and forth.
  private outputLatency: number;

  private constructor(
    private readonly context: AudioContext,
    private readonly output: AudioNode,
    readonly sink: AudioSink,
    readonly fallbackReason: string | null,
    audio: DecodedAudio,
    private readonly hostClock: () => number,
    private readonly leadSeconds: number,
    calibrationSeconds: number,
    pollIntervalMs: number,
  ) {
    this.calibration = calibrationSeconds;
    this.outputLatency = context.outputLatency;
    this.buffer = new AudioBuffer({
      length: audio.frameCount,
      numberOfChannels: audio.channels.length,
      sampleRate: audio.sampleRate,
    });
    audio.channels.forEach((samples, channel) => this.buffer.copyToChannel(samples, channel));
    const start = {
      anchorTime: 0,
      anchorPosition: 0,
      playing: false,
      rate: 1,
      loop: null,
      duration: audio.duration,
    };
    this.segments = [start];
    this.observe();
    this.poller = setInterval(() => this.poll(), pollIntervalMs);
    this.poller.unref();
  }

  /** Opens the output and loads the song, paused at 0. Close it when done: an open context keeps Node alive. */
  static async open(audio: DecodedAudio, options: AudioPlaybackOptions = {}): Promise<AudioPlayback> {
    const opened = openAudioOutput(
      options.output ?? 'auto',
      audio.sampleRate,
      options.latencyHint,
      options.raiseRenderPriority ?? true,
    );
    try {
      const output = options.prepareOutput
        ? await options.prepareOutput(opened.context)
        : opened.context.destination;
      return new AudioPlayback(
        opened.context,
        output,
        opened.sink,
        opened.fallbackReason,
        audio,
        options.hostClock ?? (() => performance.now()),
        options.scheduleLeadSeconds ?? DEFAULT_LEAD_SECONDS,
        options.calibrationSeconds ?? 0,
        options.pollIntervalMs ?? DEFAULT_POLL_MS,
      );
    } catch (error) {
      await opened.context.close();
      throw error;
    }
  }

  // ---- ShowClock -------------------------------------------------------------------------------------

  now(): Seconds {
    if (this.closed) return this.lastPosition;
    const heard = this.heardContextTime(this.observe());
    // Announce a loop or the end before returning a position past it, so no reader sees the jump first.
    this.announce(heard);
    return this.positionAtContextTime(heard);
  }

  hostNowMs(): number {
    return this.hostClock();
  }

  get state(): ShowClockState {
    const segment = this.latestSegment();
    return { playing: segment.playing, rate: segment.rate, loop: segment.loop, duration: segment.duration };
  }

  on<E extends ShowClockEventName>(event: E, listener: ShowClockListener<E>): () => void {
    return this.events.on(event, listener);
  }

  /**
   * One reading of the clock beside what the audio context itself says at the same instant: the raw
   * (quantised, unsmoothed) context time and the song position it maps to. For measuring the clock.
   */
  measure(): ClockMeasurement {
    if (this.closed) throw new TransportError('playback is closed');
    const hostMs = this.hostClock();
    const contextTime = this.context.currentTime;
    this.smoother.observe(hostMs, contextTime);
    const smoothedContextTime = this.smoother.read(hostMs) ?? contextTime;
    const heard = this.heardContextTime(smoothedContextTime);
    this.announce(heard);
    return {
      hostMs,
      contextTime,
      smoothedContextTime,
      position: this.positionAtContextTime(heard),
      rawPosition: this.positionAtContextTime(this.heardContextTime(contextTime)),
    };
  }

  /** Seconds between the context rendering a sample and the audience hearing it. */
  get totalLatencySeconds(): number {
    return this.outputLatency + this.calibration;
  }

  // ---- Transport -------------------------------------------------------------------------------------

  /** Plays on from the playhead; from the start when the song has played to its end. */
  play(): void {
    this.change('play', (segment) => ({
      ...segment,
      playing: true,
      anchorPosition: segment.anchorPosition >= segment.duration ? 0 : segment.anchorPosition,
    }));
  }

  pause(): void {
    this.change('pause', (segment) => ({ ...segment, playing: false }));
  }

  seek(position: Seconds): void {
    checkPosition(position, this.latestSegment().duration);
    this.change('seek', (segment) => ({ ...segment, anchorPosition: position }));
  }

  setLoop(range: LoopRange | null): void {
    if (range !== null) {
      const problem = loopProblem(range, this.latestSegment().duration);
      if (problem !== null) throw new TransportError(problem);
    }
    this.change('loop', (segment) => {
      const jump = range !== null && segment.anchorPosition >= range.end;
      return { ...segment, loop: range, anchorPosition: jump ? range.start : segment.anchorPosition };
    });
  }

  setRate(rate: number): void {
    checkRate(rate);
    this.change('rate', (segment) => ({ ...segment, rate }));
  }

  /** Changes this rig's calibration; the jump it causes is announced as a seek. */
  setCalibration(seconds: number): void {
    if (!Number.isFinite(seconds))
      throw new TransportError(`calibration must be finite seconds, not ${seconds}`);
    const from = this.now();
    this.calibration = seconds;
    const to = this.positionAtContextTime(this.heardContextTime(this.observe()));
    this.events.emit('seek', { from, to, heardAtMs: this.hostClock() });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.lastPosition = this.now();
    this.closed = true;
    clearInterval(this.poller);
    this.stopSource(0);
    await this.context.close();
  }

  // ---- internals -------------------------------------------------------------------------------------

  private observe(): number {
    const hostMs = this.hostClock();
    this.smoother.observe(hostMs, this.context.currentTime);
    return this.smoother.read(hostMs) ?? this.context.currentTime;
  }

  private heardContextTime(contextTime: number): number {
    return contextTime - this.totalLatencySeconds;
  }

  /** Song position the context renders at context time `time` (before output latency). */
  positionAtContextTime(time: number): Seconds {
    return positionAt(segmentAt(this.segments, time), time);
  }

  private latestSegment(): TransportSegment {
    return this.segments.at(-1) as TransportSegment;
  }

  /** The first frame boundary at least `leadSeconds` ahead of what the context has rendered. */
  private nextChangeTime(): number {
    const rate = this.context.sampleRate;
    return Math.ceil((this.context.currentTime + this.leadSeconds) * rate) / rate;
  }

  /** Host time (ms) at which context time `time` will be heard. */
  private heardAtMs(time: number): number {
    const smoothed = this.observe();
    return this.hostClock() + (time + this.totalLatencySeconds - smoothed) * 1000;
  }

  private change(
    kind: 'play' | 'pause' | 'seek' | 'loop' | 'rate',
    update: (segment: TransportSegment) => TransportSegment,
  ): void {
    if (this.closed) throw new TransportError('playback is closed');
    const at = this.nextChangeTime();
    if (!this.latestSegment().playing) this.outputLatency = this.context.outputLatency;
    const previous = this.latestSegment();
    const from = positionAt(previous, at);
    const next = update({ ...previous, anchorTime: at, anchorPosition: from });
    this.stopSource(at);
    if (next.playing && next.anchorPosition < next.duration) this.startSource(next);
    // The whole history stays (a few numbers per change), so any past context time still maps to the song.
    this.segments = [...this.segments.filter((segment) => segment.anchorTime < at), next];
    this.lastLoopCount = 0;
    const heardAtMs = this.heardAtMs(at);
    if (kind === 'play' || kind === 'pause') this.events.emit(kind, { at: next.anchorPosition, heardAtMs });
    else if (kind === 'rate')
      this.events.emit('rate', { rate: next.rate, at: next.anchorPosition, heardAtMs });
    else if (kind === 'seek' || next.anchorPosition !== from)
      this.events.emit('seek', { from, to: next.anchorPosition, heardAtMs });
  }

  private startSource(segment: TransportSegment): void {
    const source = new AudioBufferSourceNode(this.context, {
      buffer: this.buffer,
      playbackRate: segment.rate,
    });
    if (segment.loop !== null) {
      source.loop = true;
      source.loopStart = segment.loop.start;
      source.loopEnd = segment.loop.end;
    }
    source.connect(this.output);
    source.start(segment.anchorTime, segment.anchorPosition);
    this.source = source;
  }

  private stopSource(at: number): void {
    if (this.source === null) return;
    const source = this.source;
    this.source = null;
    source.stop(at);
    source.onended = () => source.disconnect();
  }

  /** Samples the context between reads, so loops and the song's end are announced even with no reader. */
  private poll(): void {
    if (this.closed) return;
    this.announce(this.heardContextTime(this.observe()));
  }

  private announce(heard: number): void {
    const segment = segmentAt(this.segments, heard);
    const loops = segment === this.latestSegment() ? loopCount(segment, heard) : 0;
    if (loops > this.lastLoopCount && segment.loop !== null) {
      this.lastLoopCount = loops;
      this.events.emit('loop', {
        from: segment.loop.end,
        to: segment.loop.start,
        heardAtMs: this.hostClock(),
      });
    }
    const ends = endTime(segment);
    if (segment === this.latestSegment() && heard >= ends) {
      this.segments = [
        ...this.segments,
        { ...segment, anchorTime: ends, anchorPosition: segment.duration, playing: false },
      ];
      this.source = null;
      this.events.emit('ended', { at: segment.duration, heardAtMs: this.heardAtMs(ends) });
    }
  }
}
