// PONG (prop → host): the device clock when the PING's last byte arrived and when the PONG was built.
// With the host's send and receive times these are the four NTP timestamps (see clock-sync.ts).

import { ByteReader, ByteWriter } from '../bytes.js';
import type { DecodeResult } from '../errors.js';
import { ok } from '../errors.js';
import { wrongLength } from './layout.js';

export interface PongMessage {
  readonly type: 'pong';
  readonly echo: number;
  /** Device ticks when the PING's delimiter was received. */
  readonly deviceRxTicks: number;
  /** Device ticks when this PONG was built, just before its first byte was sent. */
  readonly deviceTxTicks: number;
}

const BYTES = 12;

export function encodePong(message: PongMessage): Uint8Array {
  return new ByteWriter(BYTES)
    .u32(message.echo, 'pong.echo')
    .u32(message.deviceRxTicks, 'pong.deviceRxTicks')
    .u32(message.deviceTxTicks, 'pong.deviceTxTicks')
    .finish();
}

export function decodePong(payload: Uint8Array): DecodeResult<PongMessage> {
  if (payload.length !== BYTES) return wrongLength('PONG', String(BYTES), payload.length);
  const reader = new ByteReader(payload);
  return ok({ type: 'pong', echo: reader.u32(), deviceRxTicks: reader.u32(), deviceTxTicks: reader.u32() });
}
