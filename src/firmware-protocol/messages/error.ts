// ERROR (prop → host): a packet was refused. `refSeq`/`refType` name it when its header could be read
// (0xFFFF / 0 when not, e.g. after a CRC failure).

import { ByteReader, ByteWriter } from '../bytes.js';
import type { DecodeResult, ProtocolErrorName } from '../errors.js';
import { fault, ok, ProtocolErrorCode, protocolErrorName } from '../errors.js';
import { wrongLength } from './layout.js';

export const UNKNOWN_SEQ = 0xffff;

export interface ErrorMessage {
  readonly type: 'error';
  readonly refSeq: number;
  readonly refType: number;
  readonly code: ProtocolErrorName;
}

const BYTES = 4;

export function encodeError(message: ErrorMessage): Uint8Array {
  return new ByteWriter(BYTES)
    .u16(message.refSeq, 'error.refSeq')
    .u8(message.refType, 'error.refType')
    .u8(ProtocolErrorCode[message.code], 'error.code')
    .finish();
}

export function decodeError(payload: Uint8Array): DecodeResult<ErrorMessage> {
  if (payload.length !== BYTES) return wrongLength('ERROR', String(BYTES), payload.length);
  const reader = new ByteReader(payload);
  const refSeq = reader.u16();
  const refType = reader.u8();
  const codeValue = reader.u8();
  const code = protocolErrorName(codeValue);
  if (code === undefined) return fault('badValue', `ERROR code ${codeValue} is unknown`);
  return ok({ type: 'error', refSeq, refType, code });
}
