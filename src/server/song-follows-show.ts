// The playback follows the show's song while the daemon runs, as the device links follow its props: an
// import, an undo or redo, a revert or a rehearsal branch that changes the show's audio ref loads that song
// behind the clock. Loads run one at a time and the latest ref wins; a song that cannot be found or
// played is logged and the one before plays on.
import type { AudioRef } from '../show/index.js';
import type { PlayingSong, SongPlayer } from './song-player.js';
import type { ShowSession } from './show-session.js';

export interface SongFollowOptions {
  readonly session: ShowSession;
  readonly player: SongPlayer;
  /** The path of a song file named by the show, or null when it is nowhere to be found. */
  readonly findSong: (file: string) => Promise<string | null>;
  /** After a new song (or none) is behind the clock. */
  readonly onLoaded: (song: PlayingSong) => void;
  readonly log: (line: string) => void;
}

export interface SongFollower {
  /** Stops following; resolves once a load under way has finished. */
  stop(): Promise<void>;
}

function songKey(audio: AudioRef | undefined): string {
  return audio === undefined ? '' : `${audio.contentHash}:${audio.file}`;
}

export function songFollowsShow(options: SongFollowOptions): SongFollower {
  const { session, player, log } = options;
  let loadedKey = songKey(session.show.audio);
  let stopped = false;
  let work: Promise<void> = Promise.resolve();

  const loadCurrent = async (): Promise<void> => {
    const { audio, duration } = session.show;
    const key = songKey(audio);
    if (stopped || key === loadedKey) return;
    loadedKey = key;
    let path: string | null = null;
    if (audio !== undefined) {
      path = await options.findSong(audio.file);
      if (path === null) {
        log(`smlive: the song ${audio.file} was not found: the song before plays on`);
        return;
      }
    }
    if (stopped) return;
    if (await player.load(path, duration)) {
      log(`smlive: now playing ${audio === undefined ? 'no song' : audio.file}`);
      options.onLoaded(player.song);
    }
  };
  const follow = () => {
    if (songKey(session.show.audio) === loadedKey) return;
    // Chained: a second change while a song decodes waits, then loads whatever the show has by then.
    work = work.then(loadCurrent).catch((error: unknown) => {
      log(`smlive: could not follow the song: ${error instanceof Error ? error.message : String(error)}`);
    });
  };
  const unfollow = session.onShowChange(follow);
  return {
    stop() {
      stopped = true;
      unfollow();
      return work;
    },
  };
}
