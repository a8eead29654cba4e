// Writes the demo song into the data dir on first run and builds the demo show around it.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Show } from '../../show/index.js';
import { demoShow } from './demo-show.js';
import { DEMO_DURATION, DEMO_SAMPLE_RATE, synthesizeDemoSong } from './demo-song.js';
import { encodeWav } from './wav-encoder.js';

export const DEMO_SONG_FILE = 'demo-song.wav';

/** The demo show and the absolute path of its song (written now if missing). */
export async function prepareDemo(mediaDir: string): Promise<{ show: Show; audioPath: string }> {
  await mkdir(mediaDir, { recursive: true });
  const audioPath = join(mediaDir, DEMO_SONG_FILE);
  let bytes: Buffer;
  try {
    bytes = await readFile(audioPath);
  } catch {
    bytes = encodeWav([synthesizeDemoSong()], DEMO_SAMPLE_RATE);
    await writeFile(`${audioPath}.tmp`, bytes);
    await rename(`${audioPath}.tmp`, audioPath);
  }
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  return { show: demoShow({ file: DEMO_SONG_FILE, contentHash, duration: DEMO_DURATION }), audioPath };
}
