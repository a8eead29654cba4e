// Real files written by sox and ffmpeg: a 440 Hz tone on the left for 3 s, silence then 660 Hz on the
// right from 1 s, so each format's decode can be checked for length, channel order, pitch and timing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAudioBytes, decodeAudioFile, type DecodedAudio } from '../../../src/analysis/audio-decode.js';
import { AudioDecodeError, type AudioDecodeFailure } from '../../../src/analysis/audio-decode-error.js';
import { ffmpeg, runTool, sox, type SystemTool } from '../../support/run-tool.js';
import { createHash } from 'node:crypto';

const SECONDS = 3;
const RIGHT_STARTS_AT = 1;
let dir: string;

function file(name: string): string {
  return join(dir, name);
}

/** Frequency from zero crossings over a window, in Hz. */
function pitch(samples: Float32Array, sampleRate: number, from: number, to: number): number {
  let crossings = 0;
  const start = Math.floor(from * sampleRate);
  const end = Math.floor(to * sampleRate);
  for (let index = start + 1; index < end; index++) {
    if ((samples[index - 1] as number) < 0 !== (samples[index] as number) < 0) crossings++;
  }
  return crossings / 2 / (to - from);
}

/** First time the channel's level passes a threshold, in seconds. */
function onset(samples: Float32Array, sampleRate: number): number {
  const index = samples.findIndex((sample) => Math.abs(sample) > 0.1);
  return index / sampleRate;
}

function expectToneFile(decoded: DecodedAudio, sampleRate: number, lossy: boolean): void {
  expect(decoded.sampleRate).toBe(sampleRate);
  expect(decoded.channels).toHaveLength(2);
  expect(decoded.duration).toBeCloseTo(SECONDS, lossy ? 1 : 4);
  expect(decoded.frameCount).toBe(decoded.channels[0]?.length);
  const [left, right] = decoded.channels as [Float32Array, Float32Array];
  expect(pitch(left, sampleRate, 0.5, 2.5)).toBeCloseTo(440, -1);
  expect(pitch(right, sampleRate, 1.5, 2.5)).toBeCloseTo(660, -1);
  // Lossy codecs pre-echo a little before a hard start; a few ms, never a shifted song.
  expect(Math.abs(onset(right, sampleRate) - RIGHT_STARTS_AT)).toBeLessThan(lossy ? 0.01 : 0.001);
  expect(onset(left, sampleRate)).toBeLessThan(0.01);
}

async function expectFailure(path: string, failure: AudioDecodeFailure, message: RegExp): Promise<void> {
  const error = await decodeAudioFile(path).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error, `${path} should not decode`).toBeInstanceOf(AudioDecodeError);
  const decodeError = error as AudioDecodeError;
  expect(decodeError.failure).toBe(failure);
  expect(decodeError.message).toMatch(message);
  expect(decodeError.message).not.toContain('\n');
  expect(decodeError.message.startsWith(path)).toBe(true);
}

/** Overwrites 2000 bytes (several MP3 frames) in the middle of a copy of a file, as a bad disk or a broken download would. */
function damage(source: string, at: number, name: string): string {
  const bytes = Buffer.from(readFileSync(file(source)));
  const start = Math.floor(bytes.length * at);
  for (let index = 0; index < 2000; index++) bytes[start + index] = (index * 37) & 0xff;
  writeFileSync(file(name), bytes);
  return file(name);
}

/** Writes the first part of a file: a fraction of it (below 1) or a number of bytes. */
function cut(source: string, keep: number, name: string): string {
  const bytes = readFileSync(file(source));
  writeFileSync(file(name), bytes.subarray(0, keep < 1 ? Math.floor(bytes.length * keep) : keep));
  return file(name);
}

/** Runs a tool with a space-separated argument line (the temp paths hold no spaces). */
function run(tool: SystemTool, line: string): void {
  runTool(tool, line.split(' ').filter(Boolean));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'smlive-decode-'));
  const tone = file('tone.wav');
  run(sox, `-n -r 44100 -b 16 ${file('left.wav')} synth ${SECONDS} sine 440 vol 0.5`);
  run(sox, `-n -r 44100 -b 16 ${file('right.wav')} synth ${SECONDS - RIGHT_STARTS_AT} sine 660 vol 0.5`);
  run(sox, `${file('right.wav')} ${file('right-late.wav')} pad ${RIGHT_STARTS_AT}`);
  run(sox, `-M ${file('left.wav')} ${file('right-late.wav')} ${tone}`);
  run(sox, `${tone} -e floating-point -b 32 ${file('tone-float.wav')}`);
  run(sox, `${tone} -r 48000 -b 24 ${file('tone-48k.flac')}`);
  run(ffmpeg, `-loglevel error -i ${tone} ${file('tone.flac')}`);
  run(
    ffmpeg,
    `-loglevel error -i ${tone} -c:a libmp3lame -b:a 192k -metadata title=Tone ${file('tone.mp3')}`,
  );
  run(
    ffmpeg,
    `-loglevel error -i ${tone} -c:a libmp3lame -b:a 128k -write_xing 0 -id3v2_version 0 ${file('tone-bare.mp3')}`,
  );
  run(ffmpeg, `-loglevel error -i ${tone} -c:a libvorbis -q:a 5 ${file('tone.ogg')}`);
  run(ffmpeg, `-loglevel error -i ${tone} -c:a libopus ${file('tone.opus')}`);
  run(ffmpeg, `-loglevel error -i ${tone} -c:a aac ${file('tone.m4a')}`);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('decodeAudioFile: every supported format', () => {
  it('decodes 16-bit and float WAV exactly', async () => {
    expectToneFile(await decodeAudioFile(file('tone.wav')), 44100, false);
    expectToneFile(await decodeAudioFile(file('tone-float.wav')), 44100, false);
  });

  it('decodes FLAC at its own sample rate', async () => {
    const flac = await decodeAudioFile(file('tone.flac'));
    expectToneFile(flac, 44100, false);
    expect(flac.container).toBe('flac');
    expectToneFile(await decodeAudioFile(file('tone-48k.flac')), 48000, false);
  });

  it('decodes MP3 with an ID3 tag and a Xing header, and a bare CBR MP3', async () => {
    const mp3 = await decodeAudioFile(file('tone.mp3'));
    expectToneFile(mp3, 44100, true);
    expect(mp3.container).toBe('mp3');
    const bare = await decodeAudioFile(file('tone-bare.mp3'));
    expect(bare.sampleRate).toBe(44100);
    // Without a LAME header the decoder cannot trim encoder delay: allow one frame plus delay.
    expect(bare.duration).toBeGreaterThanOrEqual(SECONDS);
    expect(bare.duration).toBeLessThan(SECONDS + 0.1);
  });

  it('decodes Ogg Vorbis', async () => {
    const ogg = await decodeAudioFile(file('tone.ogg'));
    expectToneFile(ogg, 44100, true);
    expect(ogg.container).toBe('ogg');
  });

  it('hashes the file bytes and leaves the caller’s bytes intact', async () => {
    const bytes = readFileSync(file('tone.flac'));
    const before = createHash('sha256').update(bytes).digest('hex');
    const decoded = await decodeAudioBytes(bytes);
    expect(decoded.contentHash).toBe(before);
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(before);
    expect((await decodeAudioFile(file('tone.flac'))).contentHash).toBe(before);
    expect((await decodeAudioFile(file('tone.wav'))).contentHash).not.toBe(before);
  });

  it('resamples on request', async () => {
    const decoded = await decodeAudioBytes(readFileSync(file('tone.wav')), { sampleRate: 22050 });
    expect(decoded.sampleRate).toBe(22050);
    expect(decoded.frameCount).toBe(SECONDS * 22050);
  });

  it('survives a structured clone (to a worker) as plain data', async () => {
    const decoded = await decodeAudioFile(file('tone.wav'));
    const clone = structuredClone(decoded);
    expect(clone.channels[1]?.[50_000]).toBe(decoded.channels[1]?.[50_000]);
  });
});

describe('decodeAudioFile: clear one-line errors', () => {
  it('names files it cannot read', async () => {
    await expectFailure(file('missing.mp3'), 'unreadable', /cannot read: no such file/);
    mkdirSync(file('folder.wav'));
    await expectFailure(file('folder.wav'), 'unreadable', /is a directory/);
    if (process.getuid?.() !== 0) {
      writeFileSync(file('locked.wav'), readFileSync(file('tone.wav')));
      chmodSync(file('locked.wav'), 0);
      await expectFailure(file('locked.wav'), 'unreadable', /permission denied/);
    }
  });

  it('rejects empty files and files that are not audio', async () => {
    writeFileSync(file('empty.mp3'), new Uint8Array(0));
    await expectFailure(file('empty.mp3'), 'empty', /empty \(0 bytes\)/);
    writeFileSync(file('notes.wav'), 'these are my set notes, not a song\n');
    await expectFailure(
      file('notes.wav'),
      'unsupported',
      /not a WAV, MP3, OGG \(Vorbis\) or FLAC file \(it starts with bytes 74 68 65 73\)/,
    );
    writeFileSync(file('tiny.wav'), 'RIFF');
    await expectFailure(file('tiny.wav'), 'truncated', /truncated WAV/);
  });

  it('names unsupported formats and codecs', async () => {
    await expectFailure(file('tone.m4a'), 'unsupported', /MP4\/M4A/);
    await expectFailure(file('tone.opus'), 'unsupported', /Ogg codec: Opus/);
  });

  it.each([
    ['tone.wav', /truncated WAV: the file ends 1\.2 s into 3\.0 s of audio/, 0.4],
    ['tone.wav', /truncated WAV: the file ends inside its fmt chunk/, 30],
    ['tone.wav', /truncated WAV: the file ends before its data chunk/, 40],
    ['tone.flac', /truncated FLAC: the file ends inside an audio frame/, 0.5],
    ['tone.flac', /truncated FLAC: the file ends inside an audio frame/, 0.9995],
    ['tone.flac', /truncated FLAC: the file ends inside its metadata/, 0.001],
    ['tone.mp3', /truncated MP3: the file ends inside frame \d+, 1\.\d s into the audio of 3\.0 s/, 0.5],
    ['tone-bare.mp3', /truncated MP3: the file ends inside frame/, 0.7],
    ['tone.ogg', /truncated Ogg/, 0.5],
    ['tone.ogg', /truncated Ogg/, 0.999],
  ])('reports %s cut short (%s)', async (source, message, keep) => {
    await expectFailure(cut(source, keep, `cut-${keep}-${source}`), 'truncated', message);
  });

  it('reports an Ogg stream cut exactly at a page boundary', async () => {
    const bytes = readFileSync(file('tone.ogg'));
    // The last page starts at the last "OggS"; a file that stops right before it is whole page by page.
    const lastPage = bytes.lastIndexOf('OggS');
    writeFileSync(file('page-cut.ogg'), bytes.subarray(0, lastPage));
    await expectFailure(file('page-cut.ogg'), 'truncated', /without its end-of-stream page/);
  });

  it('reports damaged files as corrupt', async () => {
    const wav = readFileSync(file('tone.wav'));
    const noChannels = Buffer.from(wav);
    noChannels.writeUInt16LE(0, 22); // fmt channel count
    writeFileSync(file('no-channels.wav'), noChannels);
    await expectFailure(file('no-channels.wav'), 'corrupt', /corrupt WAV: its fmt chunk says 0 channels/);

    const ogg = Buffer.from(readFileSync(file('tone.ogg')));
    const middle = Math.floor(ogg.length / 2);
    ogg[middle] = (ogg[middle] as number) ^ 0xff;
    writeFileSync(file('flipped.ogg'), ogg);
    await expectFailure(
      file('flipped.ogg'),
      'corrupt',
      /corrupt Ogg: page \d+ at byte \d+ fails its checksum/,
    );

    const flac = Buffer.from(readFileSync(file('tone.flac')));
    flac.fill(0, 18, 21); // STREAMINFO sample rate
    writeFileSync(file('no-rate.flac'), flac);
    await expectFailure(
      file('no-rate.flac'),
      'corrupt',
      /corrupt FLAC: STREAMINFO gives a sample rate of 0 Hz/,
    );

    await expectFailure(
      damage('tone.flac', 0.5, 'damaged.flac'),
      'corrupt',
      /corrupt FLAC: only 2\.\d s of the 3\.0 s its header promises would decode/,
    );
    await expectFailure(
      damage('tone.mp3', 0.5, 'damaged.mp3'),
      'corrupt',
      /corrupt MP3: damaged data at byte \d+, 1\.\d s into/,
    );
  });
});
