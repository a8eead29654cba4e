// STATUS (prop → host): sent after every latch (it doubles as the frame's acknowledgement) and after a
// blackout. Counters are cumulative since power-up and wrap at 2^32.

import { ByteReader, ByteWriter } from '../bytes.js';
import type { DecodeResult } from '../errors.js';
import { fault, ok } from '../errors.js';
import { wrongLength } from './layout.js';

/** What the prop is showing. */
export const PlaybackMode = { live: 0, program: 1, blackout: 2 } as const;
export type PlaybackModeName = keyof typeof PlaybackMode;
const modeNames = Object.keys(PlaybackMode) as PlaybackModeName[];

export interface StatusMessage {
  readonly type: 'status';
  /** Sequence number of the FRAME latched last. */
  readonly latchedSeq: number;
  /** Its showAt, in device ticks. */
  readonly intendedTicks: number;
  /** Device ticks at which its data actually finished going out (the latch). */
  readonly actualTicks: number;
  /** Frames latched more than the prop's tolerance after their showAt. */
  readonly lateCount: number;
  /** Frames thrown away: queue full, superseded, or too late. */
  readonly droppedCount: number;
  readonly crcErrorCount: number;
  /** Packets refused for anything other than CRC: framing, version, type, length, value. */
  readonly malformedCount: number;
  /** Frames waiting for their show time. */
  readonly queued: number;
  readonly mode: PlaybackModeName;
}

const BYTES = 28;

export function encodeStatus(message: StatusMessage): Uint8Array {
  return new ByteWriter(BYTES)
    .u16(message.latchedSeq, 'status.latchedSeq')
    .u32(message.intendedTicks, 'status.intendedTicks')
    .u32(message.actualTicks, 'status.actualTicks')
    .u32(message.lateCount, 'status.lateCount')
    .u32(message.droppedCount, 'status.droppedCount')
    .u32(message.crcErrorCount, 'status.crcErrorCount')
    .u32(message.malformedCount, 'status.malformedCount')
    .u8(message.queued, 'status.queued')
    .u8(PlaybackMode[message.mode], 'status.mode')
    .finish();
}

export function decodeStatus(payload: Uint8Array): DecodeResult<StatusMessage> {
  if (payload.length !== BYTES) return wrongLength('STATUS', String(BYTES), payload.length);
  const reader = new ByteReader(payload);
  const latchedSeq = reader.u16();
  const intendedTicks = reader.u32();
  const actualTicks = reader.u32();
  const lateCount = reader.u32();
  const droppedCount = reader.u32();
  const crcErrorCount = reader.u32();
  const malformedCount = reader.u32();
  const queued = reader.u8();
  const modeCode = reader.u8();
  const mode = modeNames[modeCode];
  if (mode === undefined)
    return fault('badValue', `STATUS mode ${modeCode} is not one of 0 (live), 1 (program), 2 (blackout)`);
  return ok({
    type: 'status',
    latchedSeq,
    intendedTicks,
    actualTicks,
    lateCount,
    droppedCount,
    crcErrorCount,
    malformedCount,
    queued,
    mode,
  });
}
