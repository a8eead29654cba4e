// Byte layout of a .prg file (shared/spec/prg-format.md): the offsets both the decoder and encoder use.

export const PRG_MAGIC = [0x50, 0x52, 0x03] as const; // "PR", 0x03
export const TAG_INFO = [0x49, 0x4e] as const; // "IN"
export const TAG_INDEX = [0x50, 0x49] as const; // "PI"
export const TAG_COLORS = [0x43, 0x44] as const; // "CD"
export const TAG_TRAILER = [0x42, 0x54] as const; // "BT"

export const INFO_PAYLOAD_LENGTH = 5;
/** The byte after the default pixel count: 8 bits per channel, always 0x08. */
export const BITS_PER_CHANNEL = 8;
/** Offset of the first segment record. */
export const RECORDS_OFFSET = 0x16;
export const RECORD_SIZE = 19;
/** Bytes before the colour data besides the records: header, "CD" tag, length and triple count. */
export const COLORS_OFFSET_BASE = 32;
export const TRAILER_SIZE = 6;

/** Where a file with `segmentCount` segments keeps its first colour triple. */
export function colorDataOffset(segmentCount: number): number {
  return COLORS_OFFSET_BASE + RECORD_SIZE * segmentCount;
}

/** Size of a file with `segmentCount` segments and `tripleCount` colour triples in all. */
export function prgFileSize(segmentCount: number, tripleCount: number): number {
  return colorDataOffset(segmentCount) + 3 * tripleCount + TRAILER_SIZE;
}

// Field offsets inside one 19-byte segment record.
export const RECORD_REPEATS = 0; // u16 A = floor(frames / B)
export const RECORD_BUFFER_TRIPLES = 2; // u16 B
export const RECORD_BUFFER_OFFSET = 4; // u32 absolute offset of the colour buffer
export const RECORD_REMAINDER = 8; // u16 C = frames mod B
export const RECORD_PIXELS = 10; // u16
export const RECORD_CONSTANT_ONE = 12; // u8 0x01
export const RECORD_CONSTANT_ZERO = 13; // u16 0x0000
export const RECORD_FRAMES = 15; // u32
