// HELLO (host → prop): opens a session. The prop answers CAPS echoing the nonce, so the host can tell the
// answer to this HELLO from stale bytes of an earlier session.

import { ByteReader, ByteWriter } from '../bytes.js';
import type { DecodeResult } from '../errors.js';
import { ok } from '../errors.js';
import { wrongLength } from './layout.js';

export interface HelloMessage {
  readonly type: 'hello';
  readonly nonce: number;
}

const BYTES = 4;

export function encodeHello(message: HelloMessage): Uint8Array {
  return new ByteWriter(BYTES).u32(message.nonce, 'hello.nonce').finish();
}

export function decodeHello(payload: Uint8Array): DecodeResult<HelloMessage> {
  if (payload.length !== BYTES) return wrongLength('HELLO', String(BYTES), payload.length);
  return ok({ type: 'hello', nonce: new ByteReader(payload).u32() });
}
