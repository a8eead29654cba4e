// MP3: walk the frames. The decoder happily returns whatever frames survive, so a file cut short or
// damaged is only caught here: by a last frame that runs past the end of the file, by fewer frames than
// the Xing/Info header promises, or by junk where a frame header should be.
import { ascii, describeSeconds, id3v2Size, ProbeProblem, type AudioProbe } from './audio-probe.js';
import { readMp3FrameHeader, type Mp3FrameHeader } from './mp3-frame-header.js';

// How far into the file the first frame may start after the ID3 tag (some encoders leave junk).
const FIRST_FRAME_SEARCH_BYTES = 64 * 1024;
// Xing/Info flag bits.
const XING_HAS_FRAMES = 1;

/** A frame header at `offset` that is followed by another one (or by the end): not a chance 0xFFE. */
function confirmedFrameAt(bytes: Uint8Array, offset: number): Mp3FrameHeader | null {
  const header = readMp3FrameHeader(bytes, offset);
  if (header === null) return null;
  const next = offset + header.length;
  if (next >= bytes.length) return header;
  return readMp3FrameHeader(bytes, next) !== null || isTrailingTag(bytes, next) ? header : null;
}

function isTrailingTag(bytes: Uint8Array, offset: number): boolean {
  const head = ascii(bytes, offset, 8);
  return (
    head.startsWith('TAG') ||
    head.startsWith('APETAGEX') ||
    head.startsWith('LYRICS') ||
    head.startsWith('ID3')
  );
}

function findFirstFrame(bytes: Uint8Array, from: number): number | null {
  const limit = Math.min(bytes.length - 4, from + FIRST_FRAME_SEARCH_BYTES);
  for (let offset = from; offset <= limit; offset++) {
    if (bytes[offset] === 0xff && confirmedFrameAt(bytes, offset) !== null) return offset;
  }
  return null;
}

/** Frames promised by a Xing/Info header in the first frame, or null when there is none. */
function xingFrameCount(bytes: Uint8Array, offset: number, header: Mp3FrameHeader): number | null {
  const sideInfo = header.version === 1 ? (header.channels === 1 ? 17 : 32) : header.channels === 1 ? 9 : 17;
  const tagAt = offset + 4 + sideInfo;
  const tag = ascii(bytes, tagAt, 4);
  if ((tag !== 'Xing' && tag !== 'Info') || tagAt + 12 > bytes.length) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const flags = view.getUint32(tagAt + 4);
  return (flags & XING_HAS_FRAMES) !== 0 ? view.getUint32(tagAt + 8) : null;
}

export function looksLikeMp3(bytes: Uint8Array): boolean {
  const start = id3v2Size(bytes);
  return start > 0 ? start <= bytes.length : confirmedFrameAt(bytes, 0) !== null;
}

export function probeMp3(bytes: Uint8Array): AudioProbe {
  let start = 0;
  for (let tag = id3v2Size(bytes, start); tag > 0; tag = id3v2Size(bytes, start)) start += tag;
  if (start > bytes.length)
    throw new ProbeProblem('truncated', 'truncated MP3: the file ends inside its ID3 tag');
  const first = findFirstFrame(bytes, start);
  if (first === null) throw new ProbeProblem('corrupt', 'corrupt MP3: no MPEG audio frames found');
  const firstHeader = readMp3FrameHeader(bytes, first) as Mp3FrameHeader;
  const promisedFrames = xingFrameCount(bytes, first, firstHeader);

  let offset = promisedFrames === null ? first : first + firstHeader.length;
  let frames = 0;
  let samples = 0;
  while (offset + 4 <= bytes.length) {
    const header = readMp3FrameHeader(bytes, offset);
    if (header === null) {
      if (isTrailingTag(bytes, offset)) break;
      // Frames resume after junk only where the stream was damaged: the decoder would play the damage as
      // a burst of noise. Junk with no frames after it is a tagger's leftovers and harmless.
      if (findFirstFrame(bytes, offset + 1) === null) break;
      throw new ProbeProblem(
        'corrupt',
        `corrupt MP3: damaged data at byte ${offset}, ${describeSeconds(samples, firstHeader.sampleRate)} into the audio`,
      );
    }
    if (offset + header.length > bytes.length) {
      const total =
        promisedFrames === null
          ? ''
          : ` of ${describeSeconds(promisedFrames * header.samplesPerFrame, header.sampleRate)}`;
      throw new ProbeProblem(
        'truncated',
        `truncated MP3: the file ends inside frame ${frames + 1}, ${describeSeconds(samples, header.sampleRate)} into the audio${total}`,
      );
    }
    frames++;
    samples += header.samplesPerFrame;
    offset += header.length;
  }
  // Encoders count the Info frame itself in some versions and not in others: allow one frame either way.
  if (promisedFrames !== null && frames < promisedFrames - 1) {
    throw new ProbeProblem(
      'truncated',
      `truncated MP3: the file holds ${frames} of the ${promisedFrames} frames its header promises ` +
        `(${describeSeconds(samples, firstHeader.sampleRate)} of ` +
        `${describeSeconds(promisedFrames * firstHeader.samplesPerFrame, firstHeader.sampleRate)})`,
    );
  }
  // The decoder trims encoder delay and padding, so the frame count is no exact length: do not promise one.
  return { container: 'mp3', sampleRate: firstHeader.sampleRate, declaredFrames: null };
}
