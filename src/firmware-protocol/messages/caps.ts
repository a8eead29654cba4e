// CAPS (prop → host): what the prop is, answering HELLO. Everything the host needs to schedule frames:
// the device clock rate (ticks per second), how many frames it can hold ahead, and how large a payload
// it accepts.

import { ByteReader, ByteWriter } from '../bytes.js';
import type { DecodeResult } from '../errors.js';
import { fault, ok } from '../errors.js';
import { wrongLength } from './layout.js';

/** Bits of CapsMessage.outputs. */
export const OutputKind = { ws2812: 0x01, pwmRgb: 0x02 } as const;

export interface CapsMessage {
  readonly type: 'caps';
  readonly nonce: number;
  readonly firmwareVersion: { readonly major: number; readonly minor: number; readonly patch: number };
  readonly pixelCount: number;
  /** Device clock ticks per second. */
  readonly clockHz: number;
  /** Frames the prop can hold waiting for their show time. */
  readonly bufferDepth: number;
  readonly maxPayload: number;
  /** OutputKind bits. */
  readonly outputs: number;
  /** Bytes of program image the prop can store. */
  readonly programCapacity: number;
}

const BYTES = 19;

export function encodeCaps(message: CapsMessage): Uint8Array {
  return new ByteWriter(BYTES)
    .u32(message.nonce, 'caps.nonce')
    .u8(message.firmwareVersion.major, 'caps.firmwareVersion.major')
    .u8(message.firmwareVersion.minor, 'caps.firmwareVersion.minor')
    .u8(message.firmwareVersion.patch, 'caps.firmwareVersion.patch')
    .u16(message.pixelCount, 'caps.pixelCount')
    .u32(message.clockHz, 'caps.clockHz')
    .u8(message.bufferDepth, 'caps.bufferDepth')
    .u16(message.maxPayload, 'caps.maxPayload')
    .u8(message.outputs, 'caps.outputs')
    .u16(message.programCapacity, 'caps.programCapacity')
    .finish();
}

export function decodeCaps(payload: Uint8Array): DecodeResult<CapsMessage> {
  if (payload.length !== BYTES) return wrongLength('CAPS', String(BYTES), payload.length);
  const reader = new ByteReader(payload);
  const nonce = reader.u32();
  const firmwareVersion = { major: reader.u8(), minor: reader.u8(), patch: reader.u8() };
  const pixelCount = reader.u16();
  const clockHz = reader.u32();
  const bufferDepth = reader.u8();
  const maxPayload = reader.u16();
  const outputs = reader.u8();
  const programCapacity = reader.u16();
  if (clockHz === 0) return fault('badValue', 'CAPS clockHz must not be 0');
  if (bufferDepth === 0) return fault('badValue', 'CAPS bufferDepth must not be 0');
  return ok({
    type: 'caps',
    nonce,
    firmwareVersion,
    pixelCount,
    clockHz,
    bufferDepth,
    maxPayload,
    outputs,
    programCapacity,
  });
}
