// Which of the supported containers a file is, judged by its bytes (never by its name), and a plain name
// for the common formats that are not supported, so the error says "this is an M4A", not "bad data".
import { ascii, ProbeProblem, type AudioProbe } from './audio-probe.js';
import { looksLikeFlac, probeFlac } from './flac.js';
import { looksLikeMp3, probeMp3 } from './mp3.js';
import { probeOgg } from './ogg.js';
import { probeWav } from './wav.js';

const SUPPORTED = 'WAV, MP3, OGG (Vorbis) and FLAC';
const SUPPORTED_ALTERNATIVES = 'WAV, MP3, OGG (Vorbis) or FLAC';

function unsupportedName(bytes: Uint8Array): string | null {
  const head = ascii(bytes, 0, 12);
  if (head.slice(4, 8) === 'ftyp') return 'an MP4/M4A (AAC or ALAC) file';
  if (head.startsWith('FORM') && (head.slice(8, 12) === 'AIFF' || head.slice(8, 12) === 'AIFC'))
    return 'an AIFF file';
  if (head.startsWith('RIFF') && head.slice(8, 12) !== 'WAVE')
    return `a RIFF ${head.slice(8, 12)} file, not WAVE`;
  if (head.startsWith('RF64')) return 'an RF64 (64-bit WAV) file';
  if (head.startsWith('MThd')) return 'a MIDI file (render it to audio first)';
  if (head.startsWith('#!AMR')) return 'an AMR file';
  if (head.startsWith('wvpk')) return 'a WavPack file';
  if (head.startsWith('MAC ')) return "a Monkey's Audio file";
  if (head.startsWith('0&\xb2u')) return 'a WMA/ASF file';
  if (head.startsWith('\x1aE\xdf\xa3')) return 'a Matroska/WebM file';
  return null;
}

function describeBytes(bytes: Uint8Array): string {
  const hex = Array.from(bytes.subarray(0, 4), (byte) => byte.toString(16).padStart(2, '0')).join(' ');
  return `it starts with bytes ${hex}`;
}

/** Probes the bytes; throws ProbeProblem when they are no supported audio or are visibly cut or damaged. */
export function probeAudioContainer(bytes: Uint8Array): AudioProbe {
  const head = ascii(bytes, 0, 12);
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WAVE') return probeWav(bytes);
  if (head.startsWith('OggS')) return probeOgg(bytes);
  if (looksLikeFlac(bytes)) return probeFlac(bytes);
  if (looksLikeMp3(bytes)) return probeMp3(bytes);
  if (head.startsWith('RIFF') && bytes.length < 12) {
    throw new ProbeProblem('truncated', 'truncated WAV: the file ends inside its RIFF header');
  }
  const known = unsupportedName(bytes);
  throw new ProbeProblem(
    'unsupported',
    known === null
      ? `not a ${SUPPORTED_ALTERNATIVES} file (${describeBytes(bytes)})`
      : `unsupported format: ${known}; supported are ${SUPPORTED}`,
  );
}
