// Little-endian readers and writers with bounds checks: every multi-byte field on the wire is LE.

import { ProtocolEncodeError } from './errors.js';

export class ByteWriter {
  private readonly bytes: Uint8Array;
  private offset = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
  }

  u8(value: number, field: string): this {
    return this.unsigned(value, 1, field);
  }

  u16(value: number, field: string): this {
    return this.unsigned(value, 2, field);
  }

  u32(value: number, field: string): this {
    return this.unsigned(value, 4, field);
  }

  raw(data: Uint8Array): this {
    this.bytes.set(data, this.offset);
    this.offset += data.length;
    return this;
  }

  finish(): Uint8Array {
    return this.bytes.subarray(0, this.offset);
  }

  private unsigned(value: number, width: 1 | 2 | 4, field: string): this {
    const max = 2 ** (8 * width) - 1;
    if (!Number.isInteger(value) || value < 0 || value > max) {
      throw new ProtocolEncodeError(`${field} must be an integer in 0..${max}, got ${value}`);
    }
    for (let index = 0; index < width; index += 1) {
      this.bytes[this.offset + index] = Math.floor(value / 2 ** (8 * index)) & 0xff;
    }
    this.offset += width;
    return this;
  }
}

/** Reads fields in order; callers check `remaining` against the layout before reading. */
export class ByteReader {
  private offset = 0;

  constructor(private readonly bytes: Uint8Array) {}

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  u8(): number {
    const value = this.bytes[this.offset] ?? 0;
    this.offset += 1;
    return value;
  }

  u16(): number {
    const value = (this.bytes[this.offset] ?? 0) | ((this.bytes[this.offset + 1] ?? 0) << 8);
    this.offset += 2;
    return value;
  }

  u32(): number {
    const low = this.u16();
    const high = this.u16();
    return high * 0x10000 + low;
  }

  rest(): Uint8Array {
    const value = this.bytes.slice(this.offset);
    this.offset = this.bytes.length;
    return value;
  }
}
