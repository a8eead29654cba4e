// FLAC: read STREAMINFO for the sample rate and the promised length; walk the metadata blocks so a file
// cut inside them is named; check that the last frame is whole, so a file cut inside its frames is too.
import { ascii, id3v2Size, ProbeProblem, type AudioProbe } from './audio-probe.js';
import { flacEndsOnWholeFrame } from './flac-last-frame.js';

const STREAMINFO = 0;

export function looksLikeFlac(bytes: Uint8Array): boolean {
  const start = id3v2Size(bytes);
  return ascii(bytes, start, 4) === 'fLaC';
}

export function probeFlac(bytes: Uint8Array): AudioProbe {
  let offset = id3v2Size(bytes) + 4;
  let sampleRate: number | null = null;
  let declaredFrames: number | null = null;
  for (let block = 0; ; block++) {
    if (offset + 4 > bytes.length) {
      throw new ProbeProblem(
        'truncated',
        `truncated FLAC: the file ends inside its metadata (block ${block + 1})`,
      );
    }
    const header = bytes[offset] as number;
    const length =
      ((bytes[offset + 1] as number) << 16) |
      ((bytes[offset + 2] as number) << 8) |
      (bytes[offset + 3] as number);
    const body = offset + 4;
    if (body + length > bytes.length) {
      throw new ProbeProblem(
        'truncated',
        `truncated FLAC: the file ends inside its metadata (block ${block + 1})`,
      );
    }
    const type = header & 0x7f;
    if (block === 0 && type !== STREAMINFO) {
      throw new ProbeProblem('corrupt', 'corrupt FLAC: the first metadata block is not STREAMINFO');
    }
    if (type === STREAMINFO) {
      if (length < 34)
        throw new ProbeProblem('corrupt', `corrupt FLAC: STREAMINFO is ${length} bytes, not 34`);
      // Bytes 10..17 pack: sample rate (20 bits), channels-1 (3), bits-1 (5), total samples (36).
      const packed = bytes.subarray(body + 10, body + 18);
      sampleRate =
        (((packed[0] as number) << 12) | ((packed[1] as number) << 4) | ((packed[2] as number) >> 4)) >>> 0;
      const totalHigh = (packed[3] as number) & 0x0f;
      const totalLow = new DataView(packed.buffer, packed.byteOffset + 4, 4).getUint32(0);
      const total = totalHigh * 2 ** 32 + totalLow;
      if (sampleRate === 0)
        throw new ProbeProblem('corrupt', 'corrupt FLAC: STREAMINFO gives a sample rate of 0 Hz');
      declaredFrames = total > 0 ? total : null; // 0 means "unknown" to FLAC encoders
    }
    offset = body + length;
    if ((header & 0x80) !== 0) break; // last-metadata-block flag
  }
  if (offset >= bytes.length)
    throw new ProbeProblem('truncated', 'truncated FLAC: the file holds no audio frames');
  if (!flacEndsOnWholeFrame(bytes, offset)) {
    throw new ProbeProblem('truncated', 'truncated FLAC: the file ends inside an audio frame');
  }
  return { container: 'flac', sampleRate, declaredFrames };
}
