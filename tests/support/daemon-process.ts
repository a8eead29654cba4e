// `smlive serve` as its own process, the way `npm start` runs it: for the spawn test and the benchmarks
// that need the daemon's own start-up time and memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HealthSchema, type Health } from '../../src/contracts/index.js';

const ROOT = join(import.meta.dirname, '..', '..');

export interface SmliveProcess {
  readonly child: ChildProcess;
  output(): string;
  readonly exited: Promise<number | null>;
}

/**
 * The Node flags `npm start` gives the daemon (package.json's start script), so what is measured here is
 * what a performer runs.
 */
export function startScriptNodeFlags(): string[] {
  const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const words = packageJson.scripts.start.split(/\s+/);
  return words.slice(words.indexOf('node') + 1, words.indexOf('bin/smlive.js'));
}

export function runSmlive(
  args: readonly string[],
  nodeFlags: readonly string[] = startScriptNodeFlags(),
): SmliveProcess {
  let output = '';
  const child = spawn(process.execPath, [...nodeFlags, 'bin/smlive.js', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A benchmark or test that dies must not leave a daemon behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Polls until the daemon prints its URL and answers /api/health with ok. */
export async function waitForHealth(
  daemon: SmliveProcess,
  timeoutMs: number,
  pollMs = 20,
): Promise<{ health: Health; url: string }> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (daemon.child.exitCode !== null)
      throw new Error(`smlive exited with ${daemon.child.exitCode}:\n${daemon.output()}`);
    const url = /this machine:\s+(http:\/\/localhost:\d+\/)/.exec(daemon.output())?.[1];
    if (url !== undefined) {
      const response = await fetch(new URL('/api/health', url)).catch(() => null);
      if (response?.ok) {
        const health = HealthSchema.parse(await response.json());
        if (health.ok) return { health, url };
      }
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(`no healthy daemon within ${timeoutMs} ms; it printed:\n${daemon.output()}`);
}

/** Resident memory of a process in MB, from /proc. */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
  if (!Number.isFinite(kb)) throw new Error(`no VmRSS for process ${pid}`);
  return kb / 1024;
}

/** SIGTERM, then SIGKILL if it has not stopped within `graceMs`; resolves with the exit code. */
export async function stopSmlive(daemon: SmliveProcess, graceMs = 10_000): Promise<number | null> {
  if (daemon.child.exitCode !== null) return daemon.child.exitCode;
  daemon.child.kill('SIGTERM');
  const timer = setTimeout(() => daemon.child.kill('SIGKILL'), graceMs);
  const code = await daemon.exited;
  clearTimeout(timer);
  return code;
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100;
}

/** `smlive serve` on the demo show with any free ports and its own data folder, as the benchmarks run it. */
export function demoServeArgs(dataDir: string, extra: readonly string[] = []): string[] {
  return ['serve', '--demo', '--port', '0', '--https-port', '0', '--data', dataDir, '--no-qr', ...extra];
}
