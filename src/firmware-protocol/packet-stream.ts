// Turns a byte stream (serial reads split anywhere) into decoded packets and refusals, in order.

import { CobsStreamDecoder } from './cobs.js';
import { MAX_ENCODED_BYTES } from './constants.js';
import type { PacketDecodeResult } from './packet.js';
import { decodeBody } from './packet.js';

export class PacketStreamDecoder {
  private readonly cobs: CobsStreamDecoder;

  constructor(maxEncodedBytes = MAX_ENCODED_BYTES) {
    this.cobs = new CobsStreamDecoder(maxEncodedBytes);
  }

  push(chunk: Uint8Array): PacketDecodeResult[] {
    return this.cobs
      .push(chunk)
      .map((block) => (block.ok ? decodeBody(block.value) : { ok: false, fault: block.fault, header: null }));
  }

  reset(): void {
    this.cobs.reset();
  }
}
