// Cuts a raw PCM byte stream into fixed-size mono Float32 blocks, whatever sizes the bytes arrive in.

export type PcmFormat = 's16le' | 'f32le';

export const BYTES_PER_SAMPLE: Record<PcmFormat, number> = { s16le: 2, f32le: 4 };

export class PcmBlockCutter {
  private carry = new Uint8Array(0);
  private block: Float32Array<ArrayBuffer>;
  private filled = 0;

  constructor(
    private readonly format: PcmFormat,
    private readonly blockFrames: number,
  ) {
    this.block = new Float32Array(blockFrames);
  }

  /** Adds bytes; returns the blocks they completed. */
  push(chunk: Uint8Array): Float32Array<ArrayBuffer>[] {
    const bytes = this.carry.length === 0 ? chunk : concat(this.carry, chunk);
    const width = BYTES_PER_SAMPLE[this.format];
    const whole = bytes.length - (bytes.length % width);
    const view = new DataView(bytes.buffer, bytes.byteOffset, whole);
    const done: Float32Array<ArrayBuffer>[] = [];
    for (let offset = 0; offset < whole; offset += width) {
      this.block[this.filled++] =
        this.format === 's16le' ? view.getInt16(offset, true) / 32768 : view.getFloat32(offset, true);
      if (this.filled === this.blockFrames) {
        done.push(this.block);
        this.block = new Float32Array(this.blockFrames);
        this.filled = 0;
      }
    }
    this.carry = bytes.slice(whole);
    return done;
  }

  /** The part-filled last block at the end of the stream, or null. */
  flush(): Float32Array<ArrayBuffer> | null {
    if (this.filled === 0) return null;
    const rest = this.block.slice(0, this.filled);
    this.filled = 0;
    return rest;
  }
}

function concat(first: Uint8Array, second: Uint8Array): Uint8Array {
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first);
  joined.set(second, first.length);
  return joined;
}
