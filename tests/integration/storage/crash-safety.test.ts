// Kills a writer process with SIGKILL at random moments, over and over, and checks after each kill that the
// store opens and holds every checkpoint the writer had acknowledged, and that the show rebuilds exactly.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ShowHistory } from '../../../src/show/index.js';
import { openStorage, restoreHistory } from '../../../src/storage/index.js';
import { checkpointDigest, crashShow, CRASH_SHOW_ID, nextEdit } from '../../support/storage-crash-script.js';

const writer = fileURLToPath(new URL('../../support/storage-crash-writer.ts', import.meta.url));
const KILLS = 50;
const dataRoot = mkdtempSync(join(tmpdir(), 'smlive-crash-'));
afterAll(() => rmSync(dataRoot, { recursive: true, force: true }));

interface WriterRun {
  /** Revision → digest of every checkpoint acknowledged before the kill. */
  readonly acknowledged: Map<number, string>;
  readonly named: Set<string>;
  readonly phase: 'opening' | 'committing';
  readonly openMs: number | undefined;
}

/** Starts the writer and SIGKILLs it at a random moment: while it opens the store, or while it commits. */
function runAndKill(dataDir: string, killWhileOpening: boolean, openMsGuess: number): Promise<WriterRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acknowledged = new Map<number, string>();
    const named = new Set<string>();
    let stderr = '';
    let openingAt: number | undefined;
    let openMs: number | undefined;
    let phase: WriterRun['phase'] = 'opening';
    let timer: NodeJS.Timeout | undefined;
    const killLater = (delay: number) => {
      timer ??= setTimeout(() => child.kill('SIGKILL'), delay);
    };
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [word, first, second] = line.split(' ');
      if (word === 'opening') {
        openingAt = performance.now();
        if (killWhileOpening) killLater(Math.random() * openMsGuess);
      } else if (word === 'ready') {
        if (openingAt !== undefined) openMs = performance.now() - openingAt;
        phase = 'committing';
        killLater(Math.random() * 150);
      } else if (word === 'ack') {
        acknowledged.set(Number(first), String(second));
      } else if (word === 'named') {
        named.add(String(first));
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(watchdog);
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') {
        reject(new Error(`the writer ended by itself (code ${code}, signal ${signal}): ${stderr.trim()}`));
        return;
      }
      // Lines already printed may still be in the pipe: let readline drain it.
      setImmediate(() => resolve({ acknowledged, named, phase, openMs }));
    });
  });
}

describe('storage crash safety', () => {
  it(`keeps every acknowledged checkpoint through ${KILLS} SIGKILLs at random moments`, async () => {
    const dataDir = join(dataRoot, 'data');
    const reference = new ShowHistory(crashShow());
    const everAcknowledged = new Map<number, string>();
    const everNamed = new Set<string>();
    let openMsGuess = 300;
    let killsWhileOpening = 0;
    let tornLinesDropped = 0;
    let unacknowledgedButStored = 0;
    let storedBefore = 0;

    for (let kill = 0; kill < KILLS; kill++) {
      const run = await runAndKill(dataDir, kill > 0 && Math.random() < 0.3, openMsGuess);
      if (run.openMs !== undefined) openMsGuess = run.openMs;
      if (run.phase === 'opening') killsWhileOpening++;
      for (const [revision, digest] of run.acknowledged) everAcknowledged.set(revision, digest);
      for (const id of run.named) everNamed.add(id);

      const storage = await openStorage(dataDir);
      try {
        const shows = await storage.shows.listShows();
        // The very first run may be killed before it created the show.
        if (shows.length === 0) {
          expect(everAcknowledged.size).toBe(0);
          continue;
        }
        const stored = await storage.shows.loadShow(CRASH_SHOW_ID);
        tornLinesDropped += stored.droppedTornLines;
        const storedDigests = new Map(stored.checkpoints.map((cp) => [cp.revision, checkpointDigest(cp)]));
        for (const [revision, digest] of everAcknowledged) {
          expect(storedDigests.get(revision), `acknowledged revision ${revision} after kill ${kill}`).toBe(
            digest,
          );
        }
        const maxAcknowledged = Math.max(storedBefore, ...run.acknowledged.keys());
        // Beyond what was there before this run and what it acknowledged, only the one write under way when
        // the kill came may be stored.
        expect(stored.checkpoints.length).toBeGreaterThanOrEqual(maxAcknowledged);
        expect(stored.checkpoints.length).toBeLessThanOrEqual(maxAcknowledged + 1);
        if (stored.checkpoints.length > maxAcknowledged) unacknowledgedButStored++;
        storedBefore = stored.checkpoints.length;
        for (const id of everNamed) expect(stored.names.has(id), `name of ${id}`).toBe(true);

        const restored = restoreHistory(stored);
        while (reference.revision < restored.revision) {
          const result = nextEdit(reference);
          if (!result.ok) throw new Error(result.error.message);
        }
        expect(restored.revision).toBe(reference.revision);
        expect(restored.show).toEqual(reference.show);
      } finally {
        await storage.close();
      }
    }
    const acknowledged = everAcknowledged.size;
    console.log(
      JSON.stringify({
        kills: KILLS,
        killsWhileOpening,
        acknowledged,
        tornLinesDropped,
        unacknowledgedButStored,
      }),
    );
    // The kills must have hit a writer that was committing, not only one starting up.
    expect(acknowledged).toBeGreaterThanOrEqual(KILLS / 2);
  }, 300_000);
});
