// Live input through the real programs: arecord (ALSA) and ffmpeg (a recording at real-time pace), and a
// raw stream cut at awkward places. This machine has no capture card, which is itself a case to get right.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAudioFile } from '../../../src/analysis/audio-decode.js';
import { LiveInput, LiveInputError, type CapturedBlock } from '../../../src/engine/live-input/live-input.js';
import { arecord, ffmpeg, requireTool, runTool, sox } from '../../support/run-tool.js';

let dir: string;

async function collect(input: LiveInput, limit = Infinity): Promise<CapturedBlock[]> {
  const blocks: CapturedBlock[] = [];
  for await (const block of input) {
    blocks.push(block);
    if (blocks.length >= limit) input.close();
  }
  return blocks;
}

function joined(blocks: readonly CapturedBlock[]): Float32Array {
  const all = new Float32Array(blocks.reduce((sum, block) => sum + block.samples.length, 0));
  let offset = 0;
  for (const block of blocks) {
    all.set(block.samples, offset);
    offset += block.samples.length;
  }
  return all;
}

function hasCaptureCard(): boolean {
  try {
    return /card \d+:/.test(
      execFileSync(arecord.path, ['-l'], { stdio: ['ignore', 'pipe', 'pipe'] }).toString(),
    );
  } catch {
    return false;
  }
}

beforeAll(() => {
  requireTool(arecord);
  requireTool(ffmpeg);
  dir = mkdtempSync(join(tmpdir(), 'smlive-live-input-'));
  runTool(sox, [
    '-n',
    '-r',
    '44100',
    '-c',
    '1',
    '-b',
    '16',
    join(dir, 'tone.wav'),
    'synth',
    '1',
    'sine',
    '440',
    'vol',
    '0.5',
  ]);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('LiveInput', () => {
  it('says plainly when there is no capture device', async () => {
    const input = LiveInput.alsa();
    if (hasCaptureCard()) {
      await expect(input.ready()).resolves.toBeUndefined();
      input.close();
      return;
    }
    await expect(input.ready()).rejects.toThrow(
      /^ALSA capture "default": no capture device "default": .+ \(arecord -l lists the capture cards\)$/,
    );
    await expect(collect(input)).rejects.toBeInstanceOf(LiveInputError);
  });

  it('captures through arecord (ALSA\u2019s null device: unpaced, its contents undefined)', async () => {
    const input = LiveInput.alsa({ device: 'null', blockFrames: 256 });
    await input.ready();
    const blocks = await collect(input, 20);
    expect(blocks.length).toBeGreaterThanOrEqual(20);
    expect(blocks.every((block) => block.samples.length === 256 && block.sampleRate === 44100)).toBe(true);
    expect(blocks.map((block) => block.startFrame).slice(0, 3)).toEqual([0, 256, 512]);
    // 16-bit samples scaled into [-1, 1).
    expect(joined(blocks).every((sample) => sample >= -1 && sample < 1)).toBe(true);
  });

  it('plays a recording in at real-time pace, sample for sample, with steady timestamps', async () => {
    const path = join(dir, 'tone.wav');
    const startedMs = performance.now();
    const input = LiveInput.file(path, { blockFrames: 441 });
    const blocks = await collect(input);
    const elapsedMs = performance.now() - startedMs;
    // Paced, not dumped: a 1 s recording takes about a second (generous bounds for a busy machine).
    expect(elapsedMs).toBeGreaterThan(800);
    expect(elapsedMs).toBeLessThan(5000);
    const expected = (await decodeAudioFile(path)).channels[0] as Float32Array;
    expect(joined(blocks)).toEqual(expected);
    const stamps = blocks.map((block) => block.capturedAtMs);
    for (let index = 1; index < stamps.length; index++) {
      expect(stamps[index]).toBeGreaterThanOrEqual(stamps[index - 1] as number);
    }
    // 100 blocks of 10 ms: first to last stamp spans about 0.99 s of the host clock.
    expect(((stamps.at(-1) as number) - (stamps[0] as number)) / 1000).toBeGreaterThan(0.5);
  });

  it('names a recording it cannot read', async () => {
    const input = LiveInput.file(join(dir, 'missing.wav'));
    await expect(input.ready()).rejects.toThrow(
      /^recording .*missing\.wav: cannot play .*missing\.wav in: .*No such file/,
    );
  });

  it('reassembles a raw stream that arrives in pieces that split samples', async () => {
    const source = new Float32Array(1000).map((_, index) => Math.sin(index / 10));
    const bytes = new Uint8Array(source.buffer);
    const pieces = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, index) =>
      Buffer.from(bytes.subarray(index * 7, index * 7 + 7)),
    );
    const blocks = await collect(LiveInput.stream(Readable.from(pieces), { blockFrames: 128 }));
    expect(blocks.map((block) => block.samples.length)).toEqual([128, 128, 128, 128, 128, 128, 128, 104]);
    expect(joined(blocks)).toEqual(source);
  });

  it('reads 16-bit PCM as well', async () => {
    const pcm = Buffer.alloc(8);
    [0, 16384, -32768, 32767].forEach((value, index) => pcm.writeInt16LE(value, index * 2));
    const blocks = await collect(LiveInput.stream(Readable.from([pcm]), { format: 's16le', blockFrames: 4 }));
    expect(Array.from(joined(blocks))).toEqual([0, 0.5, -1, 32767 / 32768]);
  });

  it('hands over what arrived, then the reason, when the source dies mid-stream', async () => {
    const stream = new Readable({ read() {} });
    const input = LiveInput.stream(stream, { blockFrames: 2, label: 'line-in' });
    stream.push(Buffer.from(new Float32Array([0.1, 0.2, 0.3, 0.4]).buffer));
    await input.ready();
    stream.destroy(new Error('cable pulled'));
    const received: CapturedBlock[] = [];
    const failure = await (async () => {
      try {
        for await (const block of input) received.push(block);
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(received).toHaveLength(2);
    expect(failure).toBeInstanceOf(LiveInputError);
    expect((failure as Error).message).toBe('line-in: capture stopped: cable pulled');
  });

  it('drops the oldest blocks, not the process, when nobody reads', async () => {
    const input = LiveInput.alsa({ device: 'null', blockFrames: 441, maxQueuedSeconds: 0.1 });
    await input.ready();
    await new Promise((resolve) => setTimeout(resolve, 300));
    input.close();
    const blocks = await collect(input);
    expect(blocks.length).toBeLessThanOrEqual(10);
    expect(input.droppedBlocks).toBeGreaterThan(0);
  });
});
