// Whether a FLAC file ends on a whole frame. Every FLAC frame ends with a CRC-16 of itself, so finding the
// last frame header (its own CRC-8 makes a false sync unlikely) and checking that CRC tells a file that
// was cut short from one whose end is intact.

function crc(bytes: Uint8Array, start: number, end: number, table: Uint16Array, width: 8 | 16): number {
  let value = 0;
  const mask = width === 8 ? 0xff : 0xffff;
  for (let index = start; index < end; index++) {
    value =
      width === 8
        ? (table[value ^ (bytes[index] as number)] as number)
        : ((value << 8) ^ (table[(value >> 8) ^ (bytes[index] as number)] as number)) & mask;
  }
  return value;
}

function crcTable(polynomial: number, width: 8 | 16): Uint16Array {
  const table = new Uint16Array(256);
  const top = 1 << (width - 1);
  const mask = width === 8 ? 0xff : 0xffff;
  for (let index = 0; index < 256; index++) {
    let value = width === 8 ? index : index << 8;
    for (let bit = 0; bit < 8; bit++) value = (value & top ? (value << 1) ^ polynomial : value << 1) & mask;
    table[index] = value;
  }
  return table;
}

const CRC8 = crcTable(0x07, 8);
const CRC16 = crcTable(0x8005, 16);
// The longest frame header: sync (2), codes (2), UTF-8 number (≤ 7), block size (≤ 2), rate (≤ 2).
const MAX_HEADER_BYTES = 15;
// Frames longer than this are not searched for (the FLAC format allows up to 16 MiB, encoders use ≪ 1 MiB).
const SEARCH_BYTES = 1 << 20;

/** Length of the frame header at `offset` (CRC-8 included) if its CRC-8 checks, else null. */
function frameHeaderLength(bytes: Uint8Array, offset: number): number | null {
  if (bytes[offset] !== 0xff || ((bytes[offset + 1] as number) & 0xfe) !== 0xf8) return null;
  const blockSizeCode = (bytes[offset + 2] as number) >> 4;
  const rateCode = (bytes[offset + 2] as number) & 0x0f;
  if (blockSizeCode === 0 || rateCode === 15) return null;
  let cursor = offset + 4;
  const lead = bytes[cursor] as number;
  // UTF-8-style coded frame or sample number: the lead byte's high ones count the bytes.
  let extra = 0;
  for (let bit = 0x80; bit & lead && extra < 7; bit >>= 1) extra++;
  cursor += extra === 0 ? 1 : extra;
  if (blockSizeCode === 6) cursor += 1;
  if (blockSizeCode === 7) cursor += 2;
  if (rateCode === 12) cursor += 1;
  if (rateCode === 13 || rateCode === 14) cursor += 2;
  if (cursor >= bytes.length || cursor - offset > MAX_HEADER_BYTES) return null;
  return crc(bytes, offset, cursor, CRC8, 8) === bytes[cursor] ? cursor + 1 - offset : null;
}

/** True when the bytes from `audioStart` end with a complete frame (its CRC-16 checks). */
export function flacEndsOnWholeFrame(bytes: Uint8Array, audioStart: number): boolean {
  let end = bytes.length;
  if (end - 128 >= audioStart && String.fromCharCode(...bytes.subarray(end - 128, end - 125)) === 'TAG')
    end -= 128;
  const lowest = Math.max(audioStart, end - SEARCH_BYTES);
  for (let offset = end - 4; offset >= lowest; offset--) {
    if (bytes[offset] !== 0xff) continue;
    const headerLength = frameHeaderLength(bytes, offset);
    if (headerLength === null || offset + headerLength + 2 > end) continue;
    const stored = ((bytes[end - 2] as number) << 8) | (bytes[end - 1] as number);
    return crc(bytes, offset, end - 2, CRC16, 16) === stored;
  }
  return false;
}
