// Transport, output and rehearsal controls over the live show: what the socket handlers (and any other
// input) call. Each returns an acknowledgement; a request that does not fit changes nothing.
import { EventEmitter } from 'node:events';
import {
  failure,
  type CommandAck,
  type LoopRange,
  type OkAck,
  type OutputState,
  type RehearsalState,
  type TransportState,
} from '../contracts/index.js';
import type { LiveShow } from '../engine/live-show.js';
import { TransportError, type ShowClock, type Transport } from '../engine/show-clock.js';
import type { Author } from '../show/index.js';
import type { AudioCalibration } from './audio-calibration.js';
import type { EditResult, ShowSession } from './show-session.js';

export interface LiveControlsEvents {
  output: [state: OutputState];
  rehearsal: [state: RehearsalState];
}

const OK: OkAck = { ok: true };

export class LiveControls extends EventEmitter<LiveControlsEvents> {
  constructor(
    private readonly session: ShowSession,
    private readonly live: LiveShow,
    private readonly clock: ShowClock & Transport,
    private readonly calibration?: AudioCalibration,
  ) {
    super();
    // Each edit on the rehearsal branch changes its count of edits, which the controllers show.
    session.on('changed', (change) => {
      if (change.branch === 'rehearsal') this.emit('rehearsal', this.rehearsalState());
    });
  }

  transportState(): TransportState {
    const { playing, rate, loop, duration } = this.clock.state;
    const position = this.clock.now();
    const status = playing ? 'playing' : position === 0 ? 'stopped' : 'paused';
    return {
      status,
      position,
      rate,
      loop: loop === null ? null : { start: loop.start, end: loop.end },
      duration: Number.isFinite(duration) ? duration : this.session.show.duration,
      sentAt: Date.now(),
    };
  }

  outputState(): OutputState {
    const { masterBrightness, blackout } = this.live.output;
    return { masterBrightness, blackout, calibrationMs: this.calibration?.ms ?? 0 };
  }

  rehearsalState(): RehearsalState {
    const branch = this.session.rehearsalBranch;
    const output = this.live.output.rehearsal;
    return {
      active: branch !== null,
      output: output?.output ?? 'virtual-only',
      dim: output?.dim ?? 0,
      baseRevision: branch?.baseRevision ?? null,
      edits: branch?.edits ?? 0,
    };
  }

  play(from?: number): OkAck {
    return this.transport(() => {
      if (from !== undefined) this.clock.seek(from);
      if (!this.clock.state.playing) this.clock.play();
    });
  }

  pause(): OkAck {
    return this.transport(() => {
      if (this.clock.state.playing) this.clock.pause();
    });
  }

  /** Pause and rewind to the top of the show. */
  stop(): OkAck {
    return this.transport(() => {
      if (this.clock.state.playing) this.clock.pause();
      this.clock.seek(0);
    });
  }

  seek(position: number): OkAck {
    return this.transport(() => this.clock.seek(position));
  }

  cue(cueId: string): OkAck {
    const cue = this.session.show.cues.find((candidate) => candidate.id === cueId);
    if (cue === undefined) {
      const known = this.session.show.cues.map((candidate) => candidate.id);
      return failure('not-found', `no cue "${cueId}" (cues: ${known.join(', ') || 'none'})`, 'cueId');
    }
    return this.seek(cue.time);
  }

  loop(range: LoopRange | null): OkAck {
    return this.transport(() => this.clock.setLoop(range));
  }

  rate(rate: number): OkAck {
    return this.transport(() => this.clock.setRate(rate));
  }

  brightness(level: number): OkAck {
    this.live.setMasterBrightness(level);
    this.emit('output', this.outputState());
    return OK;
  }

  async calibrate(ms: number): Promise<OkAck> {
    if (this.calibration === undefined)
      return failure('unavailable', 'this daemon keeps no audio calibration');
    try {
      await this.calibration.set(ms, this.clock);
    } catch (error) {
      return failure(
        'unavailable',
        `the calibration was not saved: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    this.emit('output', this.outputState());
    return OK;
  }

  async blackout(on: boolean): Promise<OkAck> {
    const done = this.live.setBlackout(on);
    // Everyone sees the latch at once; the links confirm in the background (each bounded by its driver).
    this.emit('output', this.outputState());
    await done;
    return OK;
  }

  async startRehearsal(output: 'virtual-only' | 'dimmed', dim: number): Promise<OkAck> {
    const result = await this.session.startRehearsal();
    if (!result.ok) return toAck(result);
    this.live.setRehearsalOutput({ output, dim });
    this.emit('rehearsal', this.rehearsalState());
    return OK;
  }

  async keepRehearsal(author: Author, label: string | undefined): Promise<CommandAck> {
    const result = await this.session.keepRehearsal({ author, label });
    if (result.ok) this.endRehearsalOutput();
    return toAck(result);
  }

  async discardRehearsal(): Promise<OkAck> {
    const result = await this.session.discardRehearsal();
    if (!result.ok) return toAck(result);
    this.endRehearsalOutput();
    return OK;
  }

  private endRehearsalOutput(): void {
    this.live.setRehearsalOutput(null);
    this.emit('rehearsal', this.rehearsalState());
  }

  private transport(change: () => void): OkAck {
    try {
      change();
      return OK;
    } catch (error) {
      if (error instanceof TransportError) return failure('conflict', error.message);
      throw error;
    }
  }
}

/** An edit's outcome as the acknowledgement the controller gets. */
export function toAck(result: EditResult): CommandAck {
  if (result.ok) return { ok: true, revision: result.revision, checkpointId: result.checkpointId };
  return failure(result.code, result.message, result.path === '' ? undefined : result.path);
}
