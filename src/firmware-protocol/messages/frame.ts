// FRAME (host → prop): the colours to show at `showAt` (device ticks). Pixels are R, G, B triplets in
// wire order; the prop applies its own colour order, brightness and gamma. Fewer pixels than the prop
// has leaves the rest black.

import { ByteReader, ByteWriter } from '../bytes.js';
import type { DecodeResult } from '../errors.js';
import { fault, ok } from '../errors.js';
import { ProtocolEncodeError } from '../errors.js';

export interface FrameMessage {
  readonly type: 'frame';
  /** Device clock ticks (wrapping u32) at which the prop latches these colours. */
  readonly showAt: number;
  /** R, G, B per pixel: length is a positive multiple of 3. */
  readonly pixels: Uint8Array;
}

const FIXED_BYTES = 4;

export function encodeFrame(message: FrameMessage): Uint8Array {
  if (message.pixels.length === 0 || message.pixels.length % 3 !== 0) {
    throw new ProtocolEncodeError(
      `frame.pixels must be a positive multiple of 3 bytes, got ${message.pixels.length}`,
    );
  }
  return new ByteWriter(FIXED_BYTES + message.pixels.length)
    .u32(message.showAt, 'frame.showAt')
    .raw(message.pixels)
    .finish();
}

export function decodeFrame(payload: Uint8Array): DecodeResult<FrameMessage> {
  const pixelBytes = payload.length - FIXED_BYTES;
  if (pixelBytes < 3 || pixelBytes % 3 !== 0) {
    return fault(
      'badLength',
      `FRAME payload must be 4 bytes of showAt plus 3 bytes per pixel, got ${payload.length}`,
    );
  }
  const reader = new ByteReader(payload);
  return ok({ type: 'frame', showAt: reader.u32(), pixels: reader.rest() });
}
