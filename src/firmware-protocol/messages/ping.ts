// PING (host → prop): asks for the device clock. `echo` comes back in PONG so the host can match the
// answer to its own send and receive times (which never leave the host).

import { ByteReader, ByteWriter } from '../bytes.js';
import type { DecodeResult } from '../errors.js';
import { ok } from '../errors.js';
import { wrongLength } from './layout.js';

export interface PingMessage {
  readonly type: 'ping';
  readonly echo: number;
}

const BYTES = 4;

export function encodePing(message: PingMessage): Uint8Array {
  return new ByteWriter(BYTES).u32(message.echo, 'ping.echo').finish();
}

export function decodePing(payload: Uint8Array): DecodeResult<PingMessage> {
  if (payload.length !== BYTES) return wrongLength('PING', String(BYTES), payload.length);
  return ok({ type: 'ping', echo: new ByteReader(payload).u32() });
}
