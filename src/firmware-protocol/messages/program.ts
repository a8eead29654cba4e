// PROGRAM (host → prop): upload a program image (program-image.ts) in chunks, then arm it so the prop
// plays the show on its own whenever live frames stop for `holdoverMs`. Every op is answered by ACK or
// ERROR; the host sends the next chunk after the previous one's ACK, so a slow prop never overflows.
//   begin  {totalBytes u16, imageCrc u16}  forget any stored image, expect this many bytes
//   chunk  {offset u16, data…}               bytes at offset (in order, no gaps)
//   commit {}                                length and CRC checked, image parsed and kept
//   arm    {showStartTicks u32, holdoverMs u16}  device ticks at show time 0; fallback delay
//   disarm {}                                never fall back to the program

import { ByteReader, ByteWriter } from '../bytes.js';
import type { DecodeResult } from '../errors.js';
import { fault, ok, ProtocolEncodeError } from '../errors.js';
import { wrongLength } from './layout.js';

export const ProgramOp = { begin: 0, chunk: 1, commit: 2, arm: 3, disarm: 4 } as const;

export type ProgramMessage =
  | { readonly type: 'program'; readonly op: 'begin'; readonly totalBytes: number; readonly imageCrc: number }
  | { readonly type: 'program'; readonly op: 'chunk'; readonly offset: number; readonly data: Uint8Array }
  | { readonly type: 'program'; readonly op: 'commit' }
  | {
      readonly type: 'program';
      readonly op: 'arm';
      readonly showStartTicks: number;
      readonly holdoverMs: number;
    }
  | { readonly type: 'program'; readonly op: 'disarm' };

export function encodeProgram(message: ProgramMessage): Uint8Array {
  switch (message.op) {
    case 'begin':
      return new ByteWriter(5)
        .u8(ProgramOp.begin, 'program.op')
        .u16(message.totalBytes, 'program.totalBytes')
        .u16(message.imageCrc, 'program.imageCrc')
        .finish();
    case 'chunk':
      if (message.data.length === 0)
        throw new ProtocolEncodeError('program chunk must carry at least one byte');
      return new ByteWriter(3 + message.data.length)
        .u8(ProgramOp.chunk, 'program.op')
        .u16(message.offset, 'program.offset')
        .raw(message.data)
        .finish();
    case 'commit':
      return new ByteWriter(1).u8(ProgramOp.commit, 'program.op').finish();
    case 'arm':
      return new ByteWriter(7)
        .u8(ProgramOp.arm, 'program.op')
        .u32(message.showStartTicks, 'program.showStartTicks')
        .u16(message.holdoverMs, 'program.holdoverMs')
        .finish();
    case 'disarm':
      return new ByteWriter(1).u8(ProgramOp.disarm, 'program.op').finish();
    default:
      return message satisfies never;
  }
}

export function decodeProgram(payload: Uint8Array): DecodeResult<ProgramMessage> {
  if (payload.length === 0) return wrongLength('PROGRAM', 'at least 1', 0);
  const reader = new ByteReader(payload);
  const op = reader.u8();
  switch (op) {
    case ProgramOp.begin:
      if (payload.length !== 5) return wrongLength('PROGRAM begin', '5', payload.length);
      return ok({ type: 'program', op: 'begin', totalBytes: reader.u16(), imageCrc: reader.u16() });
    case ProgramOp.chunk:
      if (payload.length < 4) return wrongLength('PROGRAM chunk', 'at least 4', payload.length);
      return ok({ type: 'program', op: 'chunk', offset: reader.u16(), data: reader.rest() });
    case ProgramOp.commit:
      if (payload.length !== 1) return wrongLength('PROGRAM commit', '1', payload.length);
      return ok({ type: 'program', op: 'commit' });
    case ProgramOp.arm:
      if (payload.length !== 7) return wrongLength('PROGRAM arm', '7', payload.length);
      return ok({ type: 'program', op: 'arm', showStartTicks: reader.u32(), holdoverMs: reader.u16() });
    case ProgramOp.disarm:
      if (payload.length !== 1) return wrongLength('PROGRAM disarm', '1', payload.length);
      return ok({ type: 'program', op: 'disarm' });
    default:
      return fault('badValue', `PROGRAM op ${op} is not one of 0 (begin) … 4 (disarm)`);
  }
}
