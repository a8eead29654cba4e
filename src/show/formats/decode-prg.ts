import type { Rgb } from '../color.js';
import { fadeChannel } from '../render/fade-channel.js';
import { byteLocation, FormatError } from './format-error.js';
import {
  BITS_PER_CHANNEL,
  colorDataOffset,
  INFO_PAYLOAD_LENGTH,
  PRG_MAGIC,
  RECORD_BUFFER_OFFSET,
  RECORD_BUFFER_TRIPLES,
  RECORD_CONSTANT_ONE,
  RECORD_CONSTANT_ZERO,
  RECORD_FRAMES,
  RECORD_PIXELS,
  RECORD_REMAINDER,
  RECORD_REPEATS,
  RECORD_SIZE,
  RECORDS_OFFSET,
  TAG_COLORS,
  TAG_INDEX,
  TAG_INFO,
  TAG_TRAILER,
} from './prg-layout.js';
import { PRG_MAX_PIXELS, PRG_SOLID_BUFFER_TRIPLES, type PrgProgram, type PrgSegment } from './prg-program.js';

/** Bounds-checked little-endian reads: a short or corrupt file is a FormatError naming the offset, never a crash. */
class PrgReader {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  need(offset: number, length: number, what: string): void {
    if (offset + length > this.bytes.length) {
      throw new FormatError(
        `file ends after ${this.bytes.length} bytes, inside ${what} ${byteLocation(offset)} (${length} bytes)`,
      );
    }
  }

  u8(offset: number, what: string): number {
    this.need(offset, 1, what);
    return this.view.getUint8(offset);
  }

  u16(offset: number, what: string): number {
    this.need(offset, 2, what);
    return this.view.getUint16(offset, true);
  }

  u32(offset: number, what: string): number {
    this.need(offset, 4, what);
    return this.view.getUint32(offset, true);
  }

  expectBytes(offset: number, expected: readonly number[], what: string): void {
    this.need(offset, expected.length, what);
    for (let i = 0; i < expected.length; i++) {
      if (this.bytes[offset + i] !== expected[i]) {
        throw new FormatError(
          `expected ${what} ${byteLocation(offset + i)}, found ${hexBytes(this.bytes, offset, expected.length)}`,
        );
      }
    }
  }

  expectValue(offset: number, actual: number, expected: number, what: string): void {
    if (actual !== expected)
      throw new FormatError(`${what} ${byteLocation(offset)} is ${actual}, expected ${expected}`);
  }
}

function hexBytes(bytes: Uint8Array, offset: number, length: number): string {
  return Array.from(bytes.subarray(offset, offset + length), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join(' ');
}

interface RawRecord {
  readonly index: number;
  readonly recordOffset: number;
  readonly frames: number;
  readonly triples: number;
  readonly pixels: number;
}

/**
 * Parses a .prg file. Every length, offset and constant is checked against the layout, so decoding then
 * encoding gives back the same bytes; anything else is a FormatError that names the byte offset.
 */
export function decodePrg(bytes: Uint8Array): PrgProgram {
  const reader = new PrgReader(bytes);
  if (bytes.length === 0) throw new FormatError('file is empty: a .prg starts with "PR"');
  reader.expectBytes(0x00, PRG_MAGIC, 'the "PR" 0x03 signature');
  reader.expectBytes(0x03, TAG_INFO, 'the "IN" info chunk');
  reader.expectValue(0x05, reader.u32(0x05, 'IN length'), INFO_PAYLOAD_LENGTH, 'IN length');
  const defaultPixels = reader.u16(0x09, 'default pixel count');
  checkPixels(defaultPixels, 0x09, 'default pixel count');
  reader.expectValue(0x0b, reader.u8(0x0b, 'bits per channel'), BITS_PER_CHANNEL, 'bits per channel');
  const refreshRate = reader.u16(0x0c, 'refresh rate');
  if (refreshRate === 0) throw new FormatError(`refresh rate ${byteLocation(0x0c)} is 0 Hz`);
  reader.expectBytes(0x0e, TAG_INDEX, 'the "PI" program index chunk');
  const indexLength = reader.u32(0x10, 'PI length');
  const segmentCount = reader.u16(0x14, 'segment count');
  if (segmentCount === 0)
    throw new FormatError(`segment count ${byteLocation(0x14)} is 0: a program has at least one segment`);
  reader.expectValue(
    0x10,
    indexLength,
    2 + RECORD_SIZE * segmentCount,
    `PI length for ${segmentCount} segments`,
  );

  const records = readRecords(reader, segmentCount);
  const colorsTagOffset = RECORDS_OFFSET + RECORD_SIZE * segmentCount;
  reader.expectBytes(colorsTagOffset, TAG_COLORS, 'the "CD" colour data chunk');
  const colorsLength = reader.u32(colorsTagOffset + 2, 'CD length');
  const tripleCount = reader.u32(colorsTagOffset + 6, 'colour triple count');
  reader.expectValue(
    colorsTagOffset + 2,
    colorsLength,
    4 + 3 * tripleCount,
    `CD length for ${tripleCount} triples`,
  );
  const recordTriples = records.reduce((sum, record) => sum + record.triples, 0);
  reader.expectValue(
    colorsTagOffset + 6,
    tripleCount,
    recordTriples,
    "colour triple count (the segments' buffers add up to it)",
  );
  const colorsStart = colorDataOffset(segmentCount);
  reader.need(colorsStart, 3 * tripleCount, 'the colour data');
  const trailerOffset = colorsStart + 3 * tripleCount;
  reader.expectBytes(trailerOffset, TAG_TRAILER, 'the "BT" trailer');
  const trailer = reader.u32(trailerOffset + 2, 'BT value');
  const end = trailerOffset + 6;
  if (bytes.length !== end) {
    throw new FormatError(
      `${bytes.length - end} unexpected bytes after the "BT" trailer ${byteLocation(end)}`,
    );
  }

  let bufferOffset = colorsStart;
  const segments = records.map((record) => {
    const segment = classifySegment(bytes, bufferOffset, record);
    bufferOffset += 3 * record.triples;
    return segment;
  });
  return { refreshRate, defaultPixels, trailer, segments };
}

function checkPixels(pixels: number, offset: number, what: string): void {
  if (pixels < 1 || pixels > PRG_MAX_PIXELS) {
    throw new FormatError(`${what} ${byteLocation(offset)} is ${pixels}, expected 1..${PRG_MAX_PIXELS}`);
  }
}

function readRecords(reader: PrgReader, segmentCount: number): RawRecord[] {
  reader.need(RECORDS_OFFSET, RECORD_SIZE * segmentCount, `${segmentCount} segment records`);
  const records: RawRecord[] = [];
  let expectedBufferOffset = colorDataOffset(segmentCount);
  for (let index = 0; index < segmentCount; index++) {
    const at = RECORDS_OFFSET + RECORD_SIZE * index;
    const what = `segment ${index}`;
    const repeats = reader.u16(at + RECORD_REPEATS, what);
    const triples = reader.u16(at + RECORD_BUFFER_TRIPLES, what);
    const bufferOffset = reader.u32(at + RECORD_BUFFER_OFFSET, what);
    const remainder = reader.u16(at + RECORD_REMAINDER, what);
    const pixels = reader.u16(at + RECORD_PIXELS, what);
    const frames = reader.u32(at + RECORD_FRAMES, what);
    if (triples === 0)
      throw new FormatError(`${what}: colour buffer size ${byteLocation(at + RECORD_BUFFER_TRIPLES)} is 0`);
    if (frames === 0)
      throw new FormatError(`${what}: duration ${byteLocation(at + RECORD_FRAMES)} is 0 frames`);
    reader.expectValue(
      at + RECORD_BUFFER_OFFSET,
      bufferOffset,
      expectedBufferOffset,
      `${what}: colour buffer offset`,
    );
    reader.expectValue(
      at + RECORD_REPEATS,
      repeats,
      Math.floor(frames / triples),
      `${what}: repeat count (frames ÷ buffer size)`,
    );
    reader.expectValue(
      at + RECORD_REMAINDER,
      remainder,
      frames % triples,
      `${what}: remainder (frames mod buffer size)`,
    );
    checkPixels(pixels, at + RECORD_PIXELS, `${what}: pixel count`);
    reader.expectValue(
      at + RECORD_CONSTANT_ONE,
      reader.u8(at + RECORD_CONSTANT_ONE, what),
      1,
      `${what}: constant byte`,
    );
    reader.expectValue(
      at + RECORD_CONSTANT_ZERO,
      reader.u16(at + RECORD_CONSTANT_ZERO, what),
      0,
      `${what}: constant u16`,
    );
    records.push({ index, recordOffset: at, frames, triples, pixels });
    expectedBufferOffset += 3 * triples;
  }
  return records;
}

function tripleAt(bytes: Uint8Array, offset: number): Rgb {
  return [bytes[offset] as number, bytes[offset + 1] as number, bytes[offset + 2] as number];
}

/** Names a record by what its bytes are: a solid or a fade when they are exactly what those encode to. */
function classifySegment(bytes: Uint8Array, start: number, record: RawRecord): PrgSegment {
  const { frames, pixels, triples } = record;
  const first = tripleAt(bytes, start);
  if (triples === PRG_SOLID_BUFFER_TRIPLES && allTriplesEqual(bytes, start, triples, first)) {
    return { kind: 'solid', frames, pixels, color: first };
  }
  const last = tripleAt(bytes, start + 3 * (triples - 1));
  if (triples === frames && isFade(bytes, start, frames, first, last)) {
    return { kind: 'fade', frames, pixels, from: first, to: last };
  }
  const colors: Rgb[] = new Array<Rgb>(triples);
  for (let i = 0; i < triples; i++) colors[i] = tripleAt(bytes, start + 3 * i);
  return { kind: 'frames', frames, pixels, colors };
}

function allTriplesEqual(bytes: Uint8Array, start: number, count: number, color: Rgb): boolean {
  for (let i = 0, at = start; i < count; i++, at += 3) {
    if (bytes[at] !== color[0] || bytes[at + 1] !== color[1] || bytes[at + 2] !== color[2]) return false;
  }
  return true;
}

function isFade(bytes: Uint8Array, start: number, frames: number, from: Rgb, to: Rgb): boolean {
  for (let i = 0, at = start; i < frames; i++, at += 3) {
    for (let channel = 0; channel < 3; channel++) {
      if (bytes[at + channel] !== fadeChannel(from[channel] as number, to[channel] as number, i, frames))
        return false;
    }
  }
  return true;
}
