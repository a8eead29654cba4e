// A performer loads a new song into the running show: the file is decoded first (a file that will not
// play changes nothing), stored in the media dir under its content hash, and the show switches to it in
// one checkpoint, so one undo brings the old song back. The old beat grid and sections belong to the old
// song: they go, and the analysis fills in the new song's grid; so does whatever the props do after a
// shorter song's end. Never while the music plays: a new song
// would cut it.
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { decodeAudioBytes } from '../analysis/audio-decode.js';
import { AudioDecodeError } from '../analysis/audio-decode-error.js';
import type { ErrorCode } from '../contracts/index.js';
import type { ShowClock } from '../engine/show-clock.js';
import type { ShowSession } from './show-session.js';

export class SongImportRefused extends Error {
  override readonly name = 'SongImportRefused';
  constructor(
    readonly status: 400 | 409,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface SongImportContext {
  readonly session: ShowSession;
  readonly clock: ShowClock;
  /** Where songs are kept (the data dir's media folder). */
  readonly mediaDir: string;
}

export interface SongImported {
  /** Absent when nothing changed (the show has this song already). */
  readonly revision?: number;
  readonly message: string;
}

const WHILE_PLAYING = 'pause first: a new song would cut the music';

/** Makes `bytes` (named `file`) the show's song; throws SongImportRefused saying why when it cannot. */
export async function importSong(
  { session, clock, mediaDir }: SongImportContext,
  file: string,
  bytes: Uint8Array,
): Promise<SongImported> {
  if (clock.state.playing) throw new SongImportRefused(409, 'conflict', WHILE_PLAYING);
  let audio;
  try {
    audio = await decodeAudioBytes(bytes, { label: file });
  } catch (error) {
    if (error instanceof AudioDecodeError) throw new SongImportRefused(400, 'invalid-payload', error.message);
    throw error;
  }
  // Decoding takes a moment: someone may have pressed play meanwhile.
  if (clock.state.playing) throw new SongImportRefused(409, 'conflict', WHILE_PLAYING);
  // Loading the song the show has would only throw away its beat grid.
  if (session.show.audio?.contentHash === audio.contentHash)
    return { message: `${file} is the show's song already` };
  const stored = `${audio.contentHash}${extname(file).toLowerCase()}`;
  await storeOnce(join(mediaDir, stored), bytes);
  const duration = audio.duration;
  const label = `song ${file} (${duration.toFixed(1)} s)`;
  // A shorter song ends the show sooner: what the props do after its end goes too (the undo keeps it).
  const lastEnd = Math.max(0, ...session.show.props.map((prop) => prop.segments.at(-1)?.end ?? 0));
  const trim = lastEnd > duration ? [{ type: 'clearRange', start: duration, end: lastEnd }] : [];
  const switchSong = {
    type: 'setShowInfo',
    audio: { file: stored, contentHash: audio.contentHash, duration },
    duration,
    beatGrid: { beats: [], downbeats: [] },
    sections: [],
  };
  const result = await session.command(
    { type: 'batch', commands: [...trim, switchSong], label },
    { author: 'operator', label, meta: { import: file } },
  );
  if (!result.ok)
    throw new SongImportRefused(400, 'refused', `${file} does not fit the show: ${result.message}`);
  return { revision: result.revision, message: `now playing ${file}: ${duration.toFixed(1)} s` };
}

/** Content-addressed: the same song imported twice is written once; a crash mid-write leaves no half file. */
async function storeOnce(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await stat(path);
    return;
  } catch {
    // not stored yet
  }
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, path);
}
