// Consistent Overhead Byte Stuffing: the body never contains 0x00, so 0x00 marks the end of every packet
// and a receiver that joins mid-stream (or loses a byte) resynchronises at the next delimiter.

import { FRAME_DELIMITER, MAX_ENCODED_BYTES } from './constants.js';
import type { DecodeResult } from './errors.js';
import { fault, ok } from './errors.js';

/** COBS-encodes data (without the trailing delimiter), in the minimal form: a block of 254 data bytes
 * that ends the data is not followed by an empty block. */
export function cobsEncode(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length + Math.ceil(data.length / 254) + 1);
  let codeIndex = 0;
  let write = 1;
  let code = 1;
  for (let index = 0; index < data.length; index += 1) {
    const byte = data[index] as number;
    if (byte !== 0) {
      out[write] = byte;
      write += 1;
      code += 1;
    }
    if (byte === 0 || code === 0xff) {
      out[codeIndex] = code;
      code = 1;
      codeIndex = write;
      if (byte === 0 || index < data.length - 1) write += 1;
    }
  }
  if (codeIndex < write) out[codeIndex] = code;
  return out.subarray(0, write);
}

/** Decodes one COBS block (the bytes between two delimiters, delimiter excluded). */
export function cobsDecode(encoded: Uint8Array): DecodeResult<Uint8Array> {
  const out = new Uint8Array(encoded.length);
  let read = 0;
  let write = 0;
  while (read < encoded.length) {
    const code = encoded[read] as number;
    if (code === 0) return fault('badFraming', `COBS block has a 0x00 byte at offset ${read}`);
    read += 1;
    const end = read + code - 1;
    if (end > encoded.length) {
      return fault('badFraming', `COBS code ${code} at offset ${read - 1} runs past the end of the block`);
    }
    for (; read < end; read += 1) {
      const byte = encoded[read] as number;
      if (byte === 0) return fault('badFraming', `COBS block has a 0x00 byte at offset ${read}`);
      out[write] = byte;
      write += 1;
    }
    if (code !== 0xff && read < encoded.length) {
      out[write] = 0;
      write += 1;
    }
  }
  return ok(out.subarray(0, write));
}

/** What a stream decoder yields per delimiter: a decoded body, or why the block was thrown away. */
export type CobsBlock = DecodeResult<Uint8Array>;

/**
 * Splits a byte stream at 0x00 delimiters and COBS-decodes each block. Bytes arrive in arbitrary chunks
 * (serial reads split anywhere); a block longer than the protocol allows is discarded up to the next
 * delimiter instead of growing without bound. Empty blocks (back-to-back delimiters) are skipped: a sender
 * may lead with a delimiter to flush a half-received packet on the other side.
 */
export class CobsStreamDecoder {
  private readonly buffer: Uint8Array;
  private length = 0;
  private overflowed = false;

  constructor(maxEncodedBytes = MAX_ENCODED_BYTES) {
    this.buffer = new Uint8Array(maxEncodedBytes);
  }

  /** Feeds bytes; returns the blocks completed by delimiters inside `chunk`, in order. */
  push(chunk: Uint8Array): CobsBlock[] {
    const blocks: CobsBlock[] = [];
    for (const byte of chunk) {
      if (byte === FRAME_DELIMITER) {
        if (this.overflowed) {
          blocks.push(
            fault('tooLarge', `packet longer than ${this.buffer.length} encoded bytes was discarded`),
          );
        } else if (this.length > 0) {
          blocks.push(cobsDecode(this.buffer.subarray(0, this.length)));
        }
        this.length = 0;
        this.overflowed = false;
        continue;
      }
      if (this.length === this.buffer.length) {
        this.overflowed = true;
        continue;
      }
      this.buffer[this.length] = byte;
      this.length += 1;
    }
    return blocks;
  }

  /** Forgets a half-received packet (after a reconnect, say). */
  reset(): void {
    this.length = 0;
    this.overflowed = false;
  }
}
