// What the container headers say before the decoder runs: which format, the native sample rate (so the
// decoder does not resample), and how much audio the file claims to hold (so a cut file is caught even
// when the decoder quietly returns the part that survived).

export type AudioContainer = 'wav' | 'mp3' | 'ogg' | 'flac';

export interface AudioProbe {
  readonly container: AudioContainer;
  /** Sample rate the file was encoded at, or null when the header does not say. */
  readonly sampleRate: number | null;
  /** Sample frames the headers promise, or null when they do not say (streamed WAV, CBR MP3…). */
  readonly declaredFrames: number | null;
}

/** A structural problem found in the headers; the caller turns it into an AudioDecodeError. */
export class ProbeProblem extends Error {
  constructor(
    readonly failure: 'corrupt' | 'truncated' | 'unsupported',
    detail: string,
  ) {
    super(detail);
  }
}

export function ascii(bytes: Uint8Array, start: number, length: number): string {
  let text = '';
  for (let index = start; index < start + length && index < bytes.length; index++) {
    text += String.fromCharCode(bytes[index] as number);
  }
  return text;
}

/** Size of a leading ID3v2 tag (MP3, and sometimes FLAC, files carry one), or 0. */
export function id3v2Size(bytes: Uint8Array, offset = 0): number {
  if (bytes.length < offset + 10 || ascii(bytes, offset, 3) !== 'ID3') return 0;
  // Syncsafe integer: 7 bits per byte.
  const size =
    (((bytes[offset + 6] as number) & 0x7f) << 21) |
    (((bytes[offset + 7] as number) & 0x7f) << 14) |
    (((bytes[offset + 8] as number) & 0x7f) << 7) |
    ((bytes[offset + 9] as number) & 0x7f);
  const hasFooter = ((bytes[offset + 5] as number) & 0x10) !== 0;
  return 10 + size + (hasFooter ? 10 : 0);
}

export function describeSeconds(frames: number, sampleRate: number): string {
  return `${(frames / sampleRate).toFixed(1)} s`;
}
