// RIFF/WAVE: walk the chunks, read `fmt `, and check that the `data` chunk is all there.
import { ascii, describeSeconds, ProbeProblem, type AudioProbe } from './audio-probe.js';

// Writers that stream to a pipe cannot seek back to fill in sizes; they leave 0 or 0xFFFFFFFF.
const UNKNOWN_SIZES = new Set([0, 0xffffffff]);

interface WaveFormat {
  readonly channels: number;
  readonly sampleRate: number;
  readonly blockAlign: number;
}

export function probeWav(bytes: Uint8Array): AudioProbe {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12)
    throw new ProbeProblem('truncated', 'truncated WAV: the file ends inside its RIFF header');
  let format: WaveFormat | null = null;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = ascii(bytes, offset, 4);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (body + 16 > bytes.length)
        throw new ProbeProblem('truncated', 'truncated WAV: the file ends inside its fmt chunk');
      format = {
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        blockAlign: view.getUint16(body + 12, true),
      };
      if (format.channels === 0 || format.sampleRate === 0 || format.blockAlign === 0) {
        throw new ProbeProblem(
          'corrupt',
          `corrupt WAV: its fmt chunk says ${format.channels} channels at ${format.sampleRate} Hz, ${format.blockAlign} bytes per frame`,
        );
      }
    } else if (id === 'data') {
      if (format === null)
        throw new ProbeProblem('corrupt', 'corrupt WAV: the data chunk comes before any fmt chunk');
      const available = bytes.length - body;
      if (UNKNOWN_SIZES.has(size)) {
        return { container: 'wav', sampleRate: format.sampleRate, declaredFrames: null };
      }
      const declaredFrames = Math.floor(size / format.blockAlign);
      if (available < size) {
        const presentFrames = Math.floor(available / format.blockAlign);
        throw new ProbeProblem(
          'truncated',
          `truncated WAV: the file ends ${describeSeconds(presentFrames, format.sampleRate)} into ` +
            `${describeSeconds(declaredFrames, format.sampleRate)} of audio (${bytes.length} bytes, ` +
            `${body + size} expected)`,
        );
      }
      return { container: 'wav', sampleRate: format.sampleRate, declaredFrames };
    }
    if (UNKNOWN_SIZES.has(size) && id !== 'data') {
      throw new ProbeProblem('corrupt', `corrupt WAV: chunk "${id}" at byte ${offset} has no size`);
    }
    offset = body + size + (size % 2); // chunks are padded to an even length
  }
  if (format !== null)
    throw new ProbeProblem('truncated', 'truncated WAV: the file ends before its data chunk');
  if (offset > bytes.length)
    throw new ProbeProblem('truncated', 'truncated WAV: the file ends inside a header chunk');
  throw new ProbeProblem('corrupt', 'corrupt WAV: no fmt chunk found');
}
