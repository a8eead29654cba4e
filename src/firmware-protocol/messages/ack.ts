// ACK (prop → host): a CONFIG or PROGRAM message was applied. Frames are acknowledged by STATUS instead.

import { ByteReader, ByteWriter } from '../bytes.js';
import type { DecodeResult } from '../errors.js';
import { ok } from '../errors.js';
import { wrongLength } from './layout.js';

export interface AckMessage {
  readonly type: 'ack';
  readonly ackedSeq: number;
  /** Wire code of the acknowledged message's type. */
  readonly ackedType: number;
}

const BYTES = 3;

export function encodeAck(message: AckMessage): Uint8Array {
  return new ByteWriter(BYTES)
    .u16(message.ackedSeq, 'ack.ackedSeq')
    .u8(message.ackedType, 'ack.ackedType')
    .finish();
}

export function decodeAck(payload: Uint8Array): DecodeResult<AckMessage> {
  if (payload.length !== BYTES) return wrongLength('ACK', String(BYTES), payload.length);
  const reader = new ByteReader(payload);
  return ok({ type: 'ack', ackedSeq: reader.u16(), ackedType: reader.u8() });
}
