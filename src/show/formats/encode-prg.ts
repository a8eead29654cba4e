import type { Rgb } from '../color.js';
import { fadeChannel } from '../render/fade-channel.js';
import { FormatError } from './format-error.js';
import { fitBallLimits } from './prg-ball-limits.js';
import {
  BITS_PER_CHANNEL,
  colorDataOffset,
  INFO_PAYLOAD_LENGTH,
  PRG_MAGIC,
  prgFileSize,
  RECORD_BUFFER_OFFSET,
  RECORD_BUFFER_TRIPLES,
  RECORD_CONSTANT_ONE,
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
import {
  PRG_MAX_PIXELS,
  PRG_MAX_REFRESH_RATE,
  PRG_MAX_SEGMENTS,
  PRG_SOLID_BUFFER_TRIPLES,
  type PrgProgram,
  type PrgSegment,
} from './prg-program.js';

const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

function bufferTriples(segment: PrgSegment): number {
  switch (segment.kind) {
    case 'solid':
      return PRG_SOLID_BUFFER_TRIPLES;
    case 'fade':
      return segment.frames;
    case 'frames':
      return segment.colors.length;
    default:
      return segment satisfies never;
  }
}

function checkInteger(value: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new FormatError(`${what} is ${value}, expected a whole number ${min}..${max}`);
  }
}

function checkColor(color: Rgb, what: string): void {
  for (let channel = 0; channel < 3; channel++) {
    const value = color[channel] as number;
    if ((value & 0xff) !== value)
      throw new FormatError(`${what} channel ${channel} is ${value}, expected 0..255`);
  }
}

function checkSegment(segment: PrgSegment, index: number): void {
  const what = `segment ${index}`;
  checkInteger(segment.frames, 1, U32_MAX, `${what} frames`);
  checkInteger(segment.pixels, 1, PRG_MAX_PIXELS, `${what} pixels`);
  if (segment.kind === 'solid') checkColor(segment.color, `${what} color`);
  else if (segment.kind === 'fade') {
    checkColor(segment.from, `${what} from`);
    checkColor(segment.to, `${what} to`);
  } else checkInteger(segment.colors.length, 1, U16_MAX, `${what} colour count`);
}

/**
 * Writes a .prg file the way the official LTX app does, byte for byte. Segments beyond what real balls
 * play correctly are split first (see fitBallLimits); a program that cannot be written is a FormatError.
 */
export function encodePrg(program: PrgProgram): Uint8Array {
  checkInteger(program.refreshRate, 1, PRG_MAX_REFRESH_RATE, 'refresh rate');
  checkInteger(program.defaultPixels, 1, PRG_MAX_PIXELS, 'default pixels');
  checkInteger(program.trailer, 0, U32_MAX, 'BT trailer value');
  if (program.segments.length === 0) throw new FormatError('a program needs at least one segment');
  // Checked before splitting too: a NaN or fractional length must be refused, not split into nothing.
  program.segments.forEach((segment, index) =>
    checkInteger(segment.frames, 1, U32_MAX, `segment ${index} frames`),
  );
  const segments = fitBallLimits(program.segments);
  if (segments.length > PRG_MAX_SEGMENTS) {
    throw new FormatError(
      `${segments.length} segments after splitting; a .prg holds at most ${PRG_MAX_SEGMENTS}`,
    );
  }
  segments.forEach(checkSegment);

  const tripleCount = segments.reduce((sum, segment) => sum + bufferTriples(segment), 0);
  const bytes = new Uint8Array(prgFileSize(segments.length, tripleCount));
  const view = new DataView(bytes.buffer);
  bytes.set(PRG_MAGIC, 0x00);
  bytes.set(TAG_INFO, 0x03);
  view.setUint32(0x05, INFO_PAYLOAD_LENGTH, true);
  view.setUint16(0x09, program.defaultPixels, true);
  bytes[0x0b] = BITS_PER_CHANNEL;
  view.setUint16(0x0c, program.refreshRate, true);
  bytes.set(TAG_INDEX, 0x0e);
  view.setUint32(0x10, 2 + RECORD_SIZE * segments.length, true);
  view.setUint16(0x14, segments.length, true);

  let bufferOffset = colorDataOffset(segments.length);
  segments.forEach((segment, index) => {
    const at = RECORDS_OFFSET + RECORD_SIZE * index;
    const triples = bufferTriples(segment);
    const repeats = Math.floor(segment.frames / triples);
    if (repeats > U16_MAX) {
      throw new FormatError(
        `segment ${index} repeats its ${triples}-colour buffer ${repeats} times; at most ${U16_MAX}`,
      );
    }
    view.setUint16(at + RECORD_REPEATS, repeats, true);
    view.setUint16(at + RECORD_BUFFER_TRIPLES, triples, true);
    view.setUint32(at + RECORD_BUFFER_OFFSET, bufferOffset, true);
    view.setUint16(at + RECORD_REMAINDER, segment.frames % triples, true);
    view.setUint16(at + RECORD_PIXELS, segment.pixels, true);
    bytes[at + RECORD_CONSTANT_ONE] = 1;
    view.setUint32(at + RECORD_FRAMES, segment.frames, true);
    writeBuffer(bytes, bufferOffset, segment, index);
    bufferOffset += 3 * triples;
  });

  const colorsTag = RECORDS_OFFSET + RECORD_SIZE * segments.length;
  bytes.set(TAG_COLORS, colorsTag);
  view.setUint32(colorsTag + 2, 4 + 3 * tripleCount, true);
  view.setUint32(colorsTag + 6, tripleCount, true);
  bytes.set(TAG_TRAILER, bufferOffset);
  view.setUint32(bufferOffset + 2, program.trailer, true);
  return bytes;
}

function writeBuffer(bytes: Uint8Array, start: number, segment: PrgSegment, index: number): void {
  switch (segment.kind) {
    case 'solid':
      for (let i = 0, at = start; i < PRG_SOLID_BUFFER_TRIPLES; i++, at += 3)
        writeTriple(bytes, at, segment.color);
      return;
    case 'fade':
      writeFade(bytes, start, segment.frames, segment.from, segment.to);
      return;
    case 'frames':
      for (let i = 0, at = start; i < segment.colors.length; i++, at += 3) {
        const color = segment.colors[i] as Rgb;
        if (!isColor(color)) checkColor(color, `segment ${index} colour ${i}`);
        writeTriple(bytes, at, color);
      }
      return;
    default:
      segment satisfies never;
  }
}

function isColor(color: Rgb): boolean {
  return (color[0] & 0xff) === color[0] && (color[1] & 0xff) === color[1] && (color[2] & 0xff) === color[2];
}

function writeTriple(bytes: Uint8Array, at: number, color: Rgb): void {
  bytes[at] = color[0];
  bytes[at + 1] = color[1];
  bytes[at + 2] = color[2];
}

function writeFade(bytes: Uint8Array, start: number, frames: number, from: Rgb, to: Rgb): void {
  for (let i = 0, at = start; i < frames; i++, at += 3) {
    bytes[at] = fadeChannel(from[0], to[0], i, frames);
    bytes[at + 1] = fadeChannel(from[1], to[1], i, frames);
    bytes[at + 2] = fadeChannel(from[2], to[2], i, frames);
  }
}
