// Which show the daemon runs: the demo, a show file, a stored show by id, or (by default) the show stored
// most recently, falling back to the demo on a fresh data dir.
import { access, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { ShowSchema, type Show } from '../show/index.js';
import { PersistentShow, type ShowStore } from '../storage/index.js';
import { CliInputError } from './cli/cli-command.js';
import { prepareDemo } from './demo/demo-files.js';

export type ShowSource =
  | { readonly kind: 'demo' }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'id'; readonly id: string }
  | { readonly kind: 'latest' };

export interface OpenedShow {
  readonly persistent: PersistentShow;
  /** Absolute path of the song, or null when the show has none (or it cannot be found). */
  readonly audioPath: string | null;
  /** Where a relative song file of this show is looked for, in order (the media dir last). */
  readonly songFolders: readonly string[];
  readonly notes: string[];
}

/** Opens the show named by `source` in the store, importing it first when it is new. */
export async function openShow(source: ShowSource, store: ShowStore, mediaDir: string): Promise<OpenedShow> {
  const notes: string[] = [];
  const stored = new Set((await store.listShows()).map((summary) => summary.id));
  switch (source.kind) {
    case 'demo': {
      const demo = await prepareDemo(mediaDir);
      const persistent = stored.has(demo.show.id)
        ? await PersistentShow.load(store, demo.show.id)
        : await PersistentShow.create(store, demo.show);
      return { persistent, audioPath: demo.audioPath, songFolders: [mediaDir], notes };
    }
    case 'file': {
      const path = resolve(source.path);
      const show = await readShowFile(path);
      let persistent: PersistentShow;
      if (stored.has(show.id)) {
        notes.push(
          `show "${show.id}" is already stored: playing the stored one with its history, not ${path}`,
        );
        persistent = await PersistentShow.load(store, show.id);
      } else {
        persistent = await PersistentShow.create(store, show);
      }
      const songFolders = [dirname(path), mediaDir];
      return {
        persistent,
        audioPath: await songPath(persistent.show, songFolders, notes),
        songFolders,
        notes,
      };
    }
    case 'id': {
      if (!stored.has(source.id)) {
        const known = [...stored].join(', ') || 'none yet';
        throw new CliInputError(`no stored show "${source.id}" (stored: ${known}); give a show file instead`);
      }
      const persistent = await PersistentShow.load(store, source.id);
      const songFolders = [mediaDir];
      return {
        persistent,
        audioPath: await songPath(persistent.show, songFolders, notes),
        songFolders,
        notes,
      };
    }
    case 'latest': {
      const shows = await store.listShows();
      const latest = shows.at(-1);
      if (latest === undefined) return openShow({ kind: 'demo' }, store, mediaDir);
      return openShow({ kind: 'id', id: latest.id }, store, mediaDir);
    }
    default:
      return source satisfies never;
  }
}

async function readShowFile(path: string): Promise<Show> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliInputError(
      `cannot read show file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliInputError(`${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = ShowSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliInputError(
      `${path} is not a show: ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

async function songPath(show: Show, folders: readonly string[], notes: string[]): Promise<string | null> {
  const file = show.audio?.file;
  if (file === undefined) return null;
  const found = await findSong(file, folders);
  if (found === null)
    notes.push(`the song ${file} was not found (looked in ${folders.join(', ')}): playing without music`);
  return found;
}

/** The path of a show's song file (absolute, or relative to one of `folders`), or null if it is nowhere. */
export async function findSong(file: string, folders: readonly string[]): Promise<string | null> {
  const candidates = isAbsolute(file) ? [file] : folders.map((folder) => join(folder, file));
  for (const candidate of candidates) {
    try {
      await access(candidate);
      return candidate;
    } catch {
      // try the next folder
    }
  }
  return null;
}
