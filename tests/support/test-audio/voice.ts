// A spoken voice from espeak-ng, laid over a song at irregular moments: speech onsets that fall off the beat.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const lines = [
  'ladies and gentlemen, welcome to the show tonight',
  'the juggling balls turn red on the chorus and blue on the verse',
  'please keep your hands inside the light and enjoy the performance',
  'one more time, everybody clap along with the rhythm',
];

/** Speech samples (mono) at the given rate: espeak-ng speaks, sox converts to raw float. */
export async function speakLines(sampleRate: number): Promise<Float32Array[]> {
  for (const [path, pkg] of [
    ['/usr/bin/espeak-ng', 'espeak-ng'],
    ['/usr/bin/sox', 'sox'],
  ] as const) {
    if (!existsSync(path)) throw new Error(`test audio needs ${path}: apt-get install ${pkg}`);
  }
  const folder = await mkdtemp(join(tmpdir(), 'smlive-voice-'));
  try {
    const spoken: Float32Array[] = [];
    for (const [index, text] of lines.entries()) {
      const wavPath = join(folder, `line-${index}.wav`);
      const rawPath = join(folder, `line-${index}.f32`);
      await run('espeak-ng', ['-v', 'en', '-s', '155', '-w', wavPath, text]);
      await run('sox', [
        wavPath,
        '-t',
        'raw',
        '-e',
        'floating-point',
        '-b',
        '32',
        '-c',
        '1',
        '-r',
        String(sampleRate),
        '-L',
        rawPath,
      ]);
      const bytes = await readFile(rawPath);
      spoken.push(
        new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)),
      );
    }
    return spoken;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
