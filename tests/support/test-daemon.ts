// The real daemon, in this process, on loopback ports, with a fresh data dir and the null audio sink.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDaemon, type Daemon, type DaemonOptions } from '../../src/server/daemon.js';

export const TEST_TOKEN = 'test-token-0123456789';

export interface TestDaemon {
  readonly daemon: Daemon;
  readonly baseUrl: string;
  readonly dataDir: string;
  readonly log: string[];
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export async function startTestDaemon(options: Partial<DaemonOptions> = {}): Promise<TestDaemon> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'smlive-test-')));
  const log: string[] = [];
  const daemon = await startDaemon({
    dataDir,
    show: { kind: 'demo' },
    port: 0,
    httpsPort: 0,
    httpsHost: '127.0.0.1',
    token: TEST_TOKEN,
    audioOutput: 'none',
    log: (line) => log.push(line),
    ...options,
  });
  return {
    daemon,
    baseUrl: daemon.httpUrl,
    dataDir,
    log,
    async stop({ keepData = false } = {}) {
      await daemon.stop();
      // Retries: a rm racing the last flush of a just-closed store meets ENOTEMPTY once in a while.
      if (!keepData) await rm(dataDir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}
