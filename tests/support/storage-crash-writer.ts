// Child process of the storage crash test: opens the data folder given as argument, then commits edits in a
// loop and prints each acknowledged one (`ack <revision> <digest>`), until it is killed. Also prints
// `opening` before it opens the store and `ready <revision>` once the show is loaded.
import { openStorage, PersistentShow } from '../../src/storage/index.js';
import { checkpointDigest, crashShow, CRASH_SHOW_ID, nextEdit } from './storage-crash-script.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: storage-crash-writer.ts DATA_DIR');

const say = (line: string) => process.stdout.write(`${line}\n`);

say('opening');
const storage = await openStorage(dataDir);
const shows = await storage.shows.listShows();
const show = shows.some((summary) => summary.id === CRASH_SHOW_ID)
  ? await PersistentShow.load(storage.shows, CRASH_SHOW_ID)
  : await PersistentShow.create(storage.shows, crashShow());
say(`ready ${show.revision}`);
for (;;) {
  const result = await nextEdit(show);
  if (!result.ok) throw new Error(`edit refused at revision ${show.revision}: ${result.error.message}`);
  say(`ack ${result.checkpoint.revision} ${checkpointDigest(result.checkpoint)}`);
  if (result.checkpoint.revision % 17 === 0) {
    await show.name(result.checkpoint.id, `mark ${result.checkpoint.revision}`);
    say(`named ${result.checkpoint.id}`);
  }
}
