// Ogg: walk the pages and check each one's CRC, so a cut or damaged file is named before decoding; read
// the codec from the first packet, since only Vorbis decodes here.
import { ascii, ProbeProblem, type AudioProbe } from './audio-probe.js';

const PAGE_HEADER_BYTES = 27;
const END_OF_STREAM_FLAG = 0x04;

// Ogg's CRC-32: polynomial 0x04C11DB7, MSB first, initial value 0, no final xor.
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let index = 0; index < 256; index++) {
    let crc = index << 24;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
    table[index] = crc >>> 0;
  }
  return table;
})();

function pageCrc(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0;
  for (let index = start; index < end; index++) {
    // The stored CRC (bytes 22..25 of the page) counts as zero while computing it.
    const byte = index - start >= 22 && index - start < 26 ? 0 : (bytes[index] as number);
    crc = ((crc << 8) ^ (CRC_TABLE[((crc >>> 24) ^ byte) & 0xff] as number)) >>> 0;
  }
  return crc;
}

function codecOf(firstPacket: string): string {
  if (firstPacket.startsWith('\x01vorbis')) return 'Vorbis';
  if (firstPacket.startsWith('OpusHead')) return 'Opus';
  if (firstPacket.startsWith('\x7fFLAC')) return 'FLAC';
  if (firstPacket.startsWith('Speex')) return 'Speex';
  return 'an unknown codec';
}

export function probeOgg(bytes: Uint8Array): AudioProbe {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  let page = 0;
  let sampleRate: number | null = null;
  let lastGranule: number | null = null;
  let endOfStream = false;
  while (offset < bytes.length) {
    if (offset + PAGE_HEADER_BYTES > bytes.length) {
      throw new ProbeProblem(
        'truncated',
        `truncated Ogg: the file ends inside the header of page ${page + 1}`,
      );
    }
    if (ascii(bytes, offset, 4) !== 'OggS') {
      throw new ProbeProblem(
        'corrupt',
        `corrupt Ogg: page ${page + 1} at byte ${offset} does not start with OggS`,
      );
    }
    const flags = bytes[offset + 5] as number;
    const segments = bytes[offset + 26] as number;
    const bodyStart = offset + PAGE_HEADER_BYTES + segments;
    if (bodyStart > bytes.length) {
      throw new ProbeProblem(
        'truncated',
        `truncated Ogg: the file ends inside the header of page ${page + 1}`,
      );
    }
    let bodyLength = 0;
    for (let index = 0; index < segments; index++)
      bodyLength += bytes[offset + PAGE_HEADER_BYTES + index] as number;
    const end = bodyStart + bodyLength;
    if (end > bytes.length) {
      throw new ProbeProblem('truncated', `truncated Ogg: the file ends inside page ${page + 1}`);
    }
    if (pageCrc(bytes, offset, end) !== view.getUint32(offset + 22, true)) {
      throw new ProbeProblem('corrupt', `corrupt Ogg: page ${page + 1} at byte ${offset} fails its checksum`);
    }
    if (page === 0) {
      const codec = codecOf(ascii(bytes, bodyStart, 8));
      if (codec !== 'Vorbis')
        throw new ProbeProblem('unsupported', `unsupported Ogg codec: ${codec} (only Ogg Vorbis plays)`);
      // Vorbis identification header: "\x01vorbis", version (4), channels (1), sample rate (4).
      if (bodyLength >= 16) sampleRate = view.getUint32(bodyStart + 12, true);
    }
    const granule = Number(view.getBigInt64(offset + 6, true));
    if (granule >= 0) lastGranule = granule;
    endOfStream = (flags & END_OF_STREAM_FLAG) !== 0;
    offset = end;
    page++;
  }
  if (page === 0) throw new ProbeProblem('corrupt', 'corrupt Ogg: no pages');
  if (!endOfStream) {
    throw new ProbeProblem(
      'truncated',
      `truncated Ogg: the stream stops after page ${page} without its end-of-stream page`,
    );
  }
  return { container: 'ogg', sampleRate, declaredFrames: lastGranule };
}
