// One live tracking pipeline over a stream of samples: aubio's tempo tracker and the causal onset envelope
// run on each hop, and the predictive scheduler turns them into beat announcements. It runs inside the
// live-beat worker; it is a plain class so the worker and the file mode share every line.
import type { AubioModule, AubioTempo } from './aubio-module.js';
import { CausalOnsetEnvelope, liveFftSize } from './causal-onset-envelope.js';
import type { LiveBeatEvent } from './live-beat-event.js';
import { PredictiveBeatScheduler } from './predictive-beat-scheduler.js';

export const liveHopSize = 256;
/**
 * aubio runs on every second hop (512 samples): it costs half as much CPU, and its beats only nudge the
 * phase that the envelope (every 256 samples) keeps; measured F and offsets did not change.
 */
const aubioHopSize = 2 * liveHopSize;
/** Announce each beat this long before it sounds. */
export const liveLeadSeconds = 0.03;
/**
 * The flux frame ending at sample n is centred at n − 512; its peak sits about 8 ms before the attack
 * (measured offline on click tracks): frame-centre time plus this is the attack time.
 */
const envelopeDelaySeconds = 0.008;

export class LiveBeatEngine {
  private readonly tempo: AubioTempo;
  private readonly envelope: CausalOnsetEnvelope;
  private readonly scheduler: PredictiveBeatScheduler;
  private readonly pending: Float32Array;
  private pendingLength = 0;
  private samplesSeen = 0;
  private closed = false;
  private readonly aubioHop: Float32Array;

  constructor(
    aubio: AubioModule,
    readonly sampleRate: number,
  ) {
    this.tempo = aubio.createTempo(liveFftSize, aubioHopSize, sampleRate);
    this.envelope = new CausalOnsetEnvelope(sampleRate);
    this.scheduler = new PredictiveBeatScheduler({
      frameRate: sampleRate / liveHopSize,
      leadSeconds: liveLeadSeconds,
      envelopeDelaySeconds: envelopeDelaySeconds - (liveFftSize / 2 - liveHopSize) / sampleRate,
    });
    this.pending = new Float32Array(liveHopSize);
    this.aubioHop = new Float32Array(aubioHopSize);
  }

  get bpm(): number | undefined {
    return this.scheduler.bpm;
  }

  /** Feeds any number of samples (mono); returns the beats announced while they were processed. */
  push(samples: Float32Array): LiveBeatEvent[] {
    if (this.closed) throw new Error('live beat engine is closed');
    const events: LiveBeatEvent[] = [];
    let offset = 0;
    while (offset < samples.length) {
      const take = Math.min(liveHopSize - this.pendingLength, samples.length - offset);
      this.pending.set(samples.subarray(offset, offset + take), this.pendingLength);
      this.pendingLength += take;
      offset += take;
      if (this.pendingLength === liveHopSize) {
        events.push(...this.processHop(this.pending));
        this.pendingLength = 0;
      }
    }
    return events;
  }

  private processHop(hop: Float32Array): LiveBeatEvent[] {
    const hopStart = this.samplesSeen;
    this.samplesSeen += liveHopSize;
    const half = (hopStart / liveHopSize) % 2;
    this.aubioHop.set(hop, half * liveHopSize);
    if (half === 1) {
      const aubioStart = hopStart - liveHopSize;
      const beatPosition = this.tempo.do(this.aubioHop);
      if (beatPosition > 0)
        this.scheduler.observeBeat((aubioStart + beatPosition * aubioHopSize) / this.sampleRate);
    }
    const flux = this.envelope.push(hop);
    if (this.envelope.warm) this.scheduler.pushFrame(flux);
    else this.scheduler.skipFrame();
    return this.scheduler.advance(this.samplesSeen / this.sampleRate);
  }

  /** Frees aubio's wasm object; the engine cannot be used afterwards. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.tempo.delete();
  }
}
