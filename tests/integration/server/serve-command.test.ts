import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../src/server/cli/run-cli.js';
import { serveCommand } from '../../../src/server/cli/serve-command.js';
import { runSmlive as run, stopSmlive, waitForHealth } from '../../support/daemon-process.js';

describe('smlive serve', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('serves the demo show, prints the pairing code, and stops cleanly on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'smlive-serve-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const daemon = run([
      'serve',
      '--demo',
      '--port',
      '0',
      '--https-port',
      '0',
      '--data',
      dataDir,
      '--audio',
      'none',
    ]);
    cleanup.push(async () => {
      if (daemon.child.exitCode === null) daemon.child.kill('SIGKILL');
    });
    const { health, url } = await waitForHealth(daemon, 30_000);
    expect(health).toMatchObject({
      ok: true,
      showId: 'demo',
      revision: 0,
      playing: false,
      props: 4,
      devices: 1,
    });
    expect(daemon.output()).toMatch(/pairing code \(operator\): \d{6}/);
    expect(await readFile(join(dataDir, 'media', 'demo-song.wav'))).toHaveLength(44 + 40 * 44_100 * 2);
    expect(await readFile(join(dataDir, 'tls-cert.pem'), 'utf8')).toContain('BEGIN CERTIFICATE');
    // Without a built UI the page says so; with one, it is served.
    const page = await fetch(url);
    expect([200, 503]).toContain(page.status);
    if (page.status === 503) expect(await page.text()).toMatch(/not built/);

    expect(await stopSmlive(daemon)).toBe(0);
    expect(daemon.output()).toMatch(/stopped/);
  });

  it('refuses bad options with one line and exit code 2', async () => {
    const errors: string[] = [];
    const spy = vi
      .spyOn(console, 'error')
      .mockImplementation((line: unknown) => void errors.push(String(line)));
    try {
      expect(await runCli({ serve: async () => serveCommand }, ['serve', '--port', 'eighty'])).toBe(2);
      expect(await runCli({ serve: async () => serveCommand }, ['serve', '--demo', '--show', 'x.json'])).toBe(
        2,
      );
      expect(await runCli({ serve: async () => serveCommand }, ['serve', '--volume', '11'])).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(errors[0]).toMatch(/--port must be a port number/);
    expect(errors[1]).toMatch(/--show or --demo/);
    expect(errors[2]).toMatch(/volume/);
    expect(errors.every((line) => !line.includes('\n'))).toBe(true);
  });
});
