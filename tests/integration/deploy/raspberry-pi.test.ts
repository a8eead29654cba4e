// The Raspberry Pi deployment (deploy/raspberry-pi/) against the real daemon: the unit's ExecStart, run as
// written (only the port and data folder moved to a temporary place), starts a healthy daemon that takes
// the env file's token as an operator on HTTP and the socket, and stops on SIGTERM within the unit's
// TimeoutStopSec after blacking out; systemd-analyze accepts the unit; the kiosk launcher waits for the
// daemon and opens chromium on #token=; install.sh parses and installs only files that exist.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSocket } from '../../support/controller-client.js';
import { runSmlive, stopSmlive, waitForHealth, type SmliveProcess } from '../../support/daemon-process.js';
import { serveCommand } from '../../../src/server/cli/serve-command.js';
import type { Snapshot } from '../../../src/contracts/index.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const DEPLOY = join(ROOT, 'deploy', 'raspberry-pi');
const SYSTEMD_ANALYZE = '/usr/bin/systemd-analyze';
const CURL = '/usr/bin/curl';

/** `Key=Value` lines of a systemd unit, by key (a key may repeat), ignoring comments and sections. */
function unitSettings(text: string): Map<string, string[]> {
  const settings = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (!match) continue;
    const [, key, value] = match as unknown as [string, string, string];
    settings.set(key, [...(settings.get(key) ?? []), value]);
  }
  return settings;
}

function only(settings: Map<string, string[]>, key: string): string {
  const values = settings.get(key) ?? [];
  if (values.length !== 1) throw new Error(`the unit has ${values.length} ${key}= lines, expected one`);
  return values[0] as string;
}

/** `KEY=value` lines of an env file (systemd's EnvironmentFile syntax, without quoting). */
function envFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match) env[match[1] as string] = (match[2] as string).trim();
  }
  return env;
}

const unitText = readFileSync(join(DEPLOY, 'smlive.service'), 'utf8');
const unit = unitSettings(unitText);
const envExample = envFile(readFileSync(join(DEPLOY, 'smlive.env.example'), 'utf8'));
const installScript = readFileSync(join(DEPLOY, 'install.sh'), 'utf8');

/** ExecStart split into node's flags and smlive's arguments, with $SMLIVE_ARGS from the example env file. */
function execStart(): { nodeFlags: string[]; smliveArgs: string[] } {
  const words = only(unit, 'ExecStart').split(/\s+/);
  const script = words.indexOf('bin/smlive.js');
  expect(words[0], 'ExecStart runs node by absolute path (install.sh puts the found node there)').toBe(
    '/usr/bin/node',
  );
  expect(script, 'ExecStart runs bin/smlive.js').toBeGreaterThan(0);
  const smliveArgs = words
    .slice(script + 1)
    .flatMap((word) =>
      word === '$SMLIVE_ARGS' ? (envExample['SMLIVE_ARGS'] ?? '').split(/\s+/).filter(Boolean) : [word],
    );
  return { nodeFlags: words.slice(1, script), smliveArgs };
}

/** The unit's arguments with the port and data folder moved for the test. */
function testArgs(smliveArgs: string[], dataDir: string): string[] {
  const args = [...smliveArgs];
  const replace = (flag: string, value: string) => {
    const at = args.indexOf(flag);
    expect(at, `ExecStart gives ${flag}`).toBeGreaterThanOrEqual(0);
    args[at + 1] = value;
  };
  replace('--port', '0');
  replace('--data', dataDir);
  return args;
}

describe('deploy/raspberry-pi: the unit and the env file', () => {
  it('ExecStart names files of this repository and flags smlive serve lists', () => {
    const { smliveArgs } = execStart();
    const workingDirectory = only(unit, 'WorkingDirectory');
    expect(workingDirectory, 'install.sh replaces /opt/smlive with the checkout').toBe('/opt/smlive');
    expect(existsSync(join(ROOT, 'bin', 'smlive.js'))).toBe(true);
    expect(smliveArgs[0]).toBe('serve');
    const data = smliveArgs[smliveArgs.indexOf('--data') + 1];
    expect(data, '--data is the StateDirectory').toBe(`/var/lib/${only(unit, 'StateDirectory')}`);
    const flags = [...smliveArgs, ...(envExample['SMLIVE_ARGS'] ?? '').split(/\s+/)].filter((word) =>
      word.startsWith('--'),
    );
    for (const flag of flags) expect(serveCommand.usage, `smlive serve knows ${flag}`).toContain(`${flag}`);
    expect(only(unit, 'EnvironmentFile')).toBe('/etc/smlive/smlive.env');
    expect(
      envExample['SMLIVE_TOKEN']?.length ?? 0,
      'the example token is long enough',
    ).toBeGreaterThanOrEqual(8);
    expect(only(unit, 'KillSignal')).toBe('SIGTERM');
    expect(only(unit, 'Restart')).toBe('on-failure');
    expect(only(unit, 'SupplementaryGroups').split(/\s+/).sort()).toEqual(['audio', 'dialout']);
    expect(only(unit, 'AmbientCapabilities')).toContain('CAP_SYS_NICE');
    expect(only(unit, 'After')).toMatch(/sound\.target.*network-online\.target/);
  });

  it('systemd-analyze verify accepts the unit (paths moved to this checkout)', () => {
    if (!existsSync(SYSTEMD_ANALYZE))
      throw new Error(`${SYSTEMD_ANALYZE} is missing: apt-get install systemd`);
    const dir = mkdtempSync(join(tmpdir(), 'smlive-unit-'));
    try {
      const env = join(dir, 'smlive.env');
      writeFileSync(env, readFileSync(join(DEPLOY, 'smlive.env.example')));
      const copy = unitText
        .replaceAll('/opt/smlive', ROOT)
        .replace('ExecStart=/usr/bin/node ', `ExecStart=${process.execPath} `)
        .replace('EnvironmentFile=/etc/smlive/smlive.env', `EnvironmentFile=${env}`);
      writeFileSync(join(dir, 'smlive.service'), copy);
      let output: string;
      try {
        output = execFileSync(SYSTEMD_ANALYZE, ['verify', join(dir, 'smlive.service')], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      } catch (error) {
        const failed = error as { stdout?: string; stderr?: string };
        throw new Error(`systemd-analyze verify failed:\n${failed.stdout ?? ''}${failed.stderr ?? ''}`, {
          cause: error,
        });
      }
      expect(output.trim(), 'no warnings').toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('install.sh parses and installs only files that exist, with substitutions that match them', () => {
    for (const script of ['install.sh', 'smlive-kiosk']) {
      execFileSync('bash', ['-n', join(DEPLOY, script)]);
    }
    const fromDeploy = [...installScript.matchAll(/"\$here\/(\w[\w./-]*)"/g)].map(
      (match) => match[1] as string,
    );
    const fromRepo = [...installScript.matchAll(/"\$app_dir\/(\w[\w./-]*)"/g)].map(
      (match) => match[1] as string,
    );
    expect(fromDeploy.sort()).toEqual(
      ['smlive-kiosk', 'smlive-kiosk.desktop', 'smlive.env.example', 'smlive.service'].sort(),
    );
    for (const file of fromDeploy)
      expect(existsSync(join(DEPLOY, file)), `deploy/raspberry-pi/${file}`).toBe(true);
    expect(fromRepo).toContain('hardware/udev/99-smlive-props.rules');
    for (const file of fromRepo) expect(existsSync(join(ROOT, file)), file).toBe(true);
    // What install.sh rewrites must be there to rewrite.
    expect(unitText).toContain('ExecStart=/usr/bin/node ');
    expect(unitText).toContain('--port 8080');
    expect(readFileSync(join(DEPLOY, 'smlive-kiosk'), 'utf8')).toContain('http://localhost:8080/');
    const desktop = readFileSync(join(DEPLOY, 'smlive-kiosk.desktop'), 'utf8');
    const kioskBin = /^kiosk_bin=(.+)$/m.exec(installScript)?.[1];
    // install.sh puts the launcher at an absolute path named after it, which the autostart entry must run.
    expect(kioskBin, 'install.sh sets kiosk_bin').toMatch(/^\/\S*\/smlive-kiosk$/);
    expect(desktop, 'the autostart entry runs what install.sh installs').toContain(` ${kioskBin}\n`);
  });
});

describe('deploy/raspberry-pi: the daemon as the unit starts it', () => {
  const token = envExample['SMLIVE_TOKEN'] as string;
  let dataDir: string;
  let daemon: SmliveProcess;
  let url: string;
  const previousToken = process.env['SMLIVE_TOKEN'];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'smlive-pi-'));
    const { nodeFlags, smliveArgs } = execStart();
    // As systemd does with EnvironmentFile: the daemon reads SMLIVE_TOKEN from its environment.
    process.env['SMLIVE_TOKEN'] = token;
    daemon = runSmlive(testArgs(smliveArgs, dataDir), nodeFlags);
    ({ url } = await waitForHealth(daemon, 60_000));
  });

  afterAll(async () => {
    if (previousToken === undefined) delete process.env['SMLIVE_TOKEN'];
    else process.env['SMLIVE_TOKEN'] = previousToken;
    if (daemon) await stopSmlive(daemon, 1000);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes the env file token as an operator on HTTP and on the socket', async () => {
    const without = await fetch(new URL('/api/waveform', url));
    expect(without.status).toBe(401);
    const withToken = await fetch(new URL('/api/waveform', url), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(
      withToken.status,
      'a route behind the token answers (200, or 404 before the waveform is in)',
    ).not.toBe(401);
    let snapshot: Snapshot | undefined;
    const socket = await connectSocket(
      url,
      { token },
      {
        listen: (link) => link.on('state:snapshot', (received) => (snapshot = received)),
      },
    );
    await expect.poll(() => snapshot?.session.role, { timeout: 5000 }).toBe('operator');
    socket.close();
  });

  it('smlive-kiosk waits for /api/health and opens chromium in kiosk mode on #token= from the env file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smlive-kiosk-'));
    try {
      const env = join(dir, 'smlive.env');
      writeFileSync(env, `# kiosk test\nSMLIVE_TOKEN="${token}"\n`);
      // A stand-in for the browser: records how it was started, then ends the launcher's restart loop.
      const argsFile = join(dir, 'chromium-args');
      writeFileSync(
        join(dir, 'chromium'),
        `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\nkill -TERM $PPID\n`,
      );
      chmodSync(join(dir, 'chromium'), 0o755);
      const result = await runKiosk({
        SMLIVE_ENV_FILE: env,
        SMLIVE_KIOSK_URL: url,
        SMLIVE_KIOSK_WAIT_SECONDS: '30',
        HOME: dir,
        PATH: `${dir}:${process.env['PATH'] ?? ''}`,
      });
      expect(result.stderr).toContain('the daemon answers');
      const args = readFileSync(argsFile, 'utf8').trim().split('\n');
      expect(args).toContain('--kiosk');
      expect(args).toContain('--noerrdialogs');
      expect(args.at(-1)).toBe(`${url}#token=${token}`);
      expect(args.join(' '), 'never in a query string').not.toContain('?');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('smlive-kiosk gives up after its wait with the reason when the daemon does not answer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smlive-kiosk-'));
    try {
      const env = join(dir, 'smlive.env');
      writeFileSync(env, `SMLIVE_TOKEN=${token}\n`);
      writeFileSync(join(dir, 'chromium'), '#!/bin/sh\nexit 0\n');
      chmodSync(join(dir, 'chromium'), 0o755);
      const result = await runKiosk({
        SMLIVE_ENV_FILE: env,
        SMLIVE_KIOSK_URL: 'http://127.0.0.1:9/',
        SMLIVE_KIOSK_WAIT_SECONDS: '1',
        HOME: dir,
        PATH: `${dir}:${process.env['PATH'] ?? ''}`,
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('did not answer http://127.0.0.1:9/api/health within 1 s');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops on SIGTERM within the unit’s TimeoutStopSec, blacking out first', async () => {
    const timeoutStopMs = Number(only(unit, 'TimeoutStopSec')) * 1000;
    expect(timeoutStopMs).toBeGreaterThan(0);
    const code = await stopSmlive(daemon, timeoutStopMs);
    expect(code, `a clean exit before systemd's SIGKILL; it printed:\n${daemon.output()}`).toBe(0);
    expect(daemon.output()).toContain('blacking out props');
  });
});

function runKiosk(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  if (!existsSync(CURL)) throw new Error(`${CURL} is missing: apt-get install curl`);
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(DEPLOY, 'smlive-kiosk')], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`smlive-kiosk did not finish in 40 s:\n${stderr}`));
    }, 40_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}
