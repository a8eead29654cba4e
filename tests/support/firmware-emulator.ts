// Builds the prop firmware and runs it in the simavr harness (hardware/sim/simprop.c), for tests and
// benchmarks that need a real prop on a real tty. By default the harness sits behind a socat pty pair:
// device side ↔ socat ↔ app side, like a USB adapter; stopping it makes the app-side path vanish, and
// starting again with the same `appPath` makes it reappear (a replug).
import type { ChildProcess } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './shared-vectors.js';

const run = promisify(execFile);

export const hardwareDir = join(repoRoot, 'hardware');
export const firmwareHexPath = join(hardwareDir, 'build', 'prop.hex');
export const harnessPath = join(hardwareDir, 'build', 'simprop');
/** Test build that hangs on a PING whose echo is HANG_ECHO (make test-firmware). */
export const hangTestHexPath = join(hardwareDir, 'build', 'prop-hang-test.hex');
export const HANG_ECHO = 0xdead;
export const artifactsDir = join(repoRoot, 'tests', '.artifacts');

/** CPU clock of the emulated prop and the device clock it derives (Timer1 at clock / 64). */
export const CPU_HZ = 16_000_000;
export const CYCLES_PER_TICK = 64;
/** Cycle at which the firmware starts its device clock (set in .init3, see hardware/avr/main.c). */
export const CLOCK_START_CYCLE = 12;

const builds = new Map<string, Promise<void>>();

/** `make -C hardware <targets>` once per process and target list; fails naming the missing tools. */
export function buildFirmware(targets: readonly string[] = ['firmware', 'harness']): Promise<void> {
  const key = targets.join(' ');
  let build = builds.get(key);
  if (build === undefined) {
    build = (async () => {
      for (const tool of [
        '/usr/bin/avr-gcc',
        '/usr/bin/socat',
        '/usr/include/simavr/sim_avr.h',
        '/usr/include/libelf.h',
      ]) {
        if (!existsSync(tool)) {
          throw new Error(
            `${tool} is missing: apt-get install gcc-avr avr-libc simavr libsimavr-dev libelf-dev socat`,
          );
        }
      }
      await run('make', ['-C', hardwareDir, ...targets], { maxBuffer: 16 * 1024 * 1024 });
    })();
    builds.set(key, build);
  }
  return build;
}

export interface FirmwareEmulator {
  /** The tty the application opens (socat's app side, or the harness's own pty). */
  readonly ptyPath: string;
  /** Edge log of the WS2812 data pin (see hardware/sim/simprop.c for the format). */
  readonly edgesPath: string;
  readonly harness: ChildProcess;
  /** Ends the harness (and socat): the app-side tty disappears. */
  stop(): Promise<void>;
}

export interface EmulatorOptions {
  /** Path for the app-side tty symlink; a stable name across restarts. Default: a fresh one. */
  readonly appPath?: string;
  /** 'socat' (default): harness ↔ socat pty pair ↔ app. 'direct': the app opens the harness's pty. */
  readonly via?: 'socat' | 'direct';
  readonly edgesPath?: string;
  /** Firmware image to run (default: the product build, hardware/build/prop.hex). */
  readonly hexPath?: string;
}

let counter = 0;

export async function startFirmwareEmulator(options: EmulatorOptions = {}): Promise<FirmwareEmulator> {
  await buildFirmware();
  mkdirSync(artifactsDir, { recursive: true });
  const id = `${process.pid}-${(counter += 1)}-${Date.now()}`;
  const appPath = options.appPath ?? join(artifactsDir, `prop-${id}.tty`);
  const edgesPath = options.edgesPath ?? join(artifactsDir, `prop-${id}.edges`);
  let socat: ChildProcess | null = null;
  let deviceArgs: string[];
  if ((options.via ?? 'socat') === 'socat') {
    const devicePath = join(artifactsDir, `prop-${id}.device`);
    socat = spawn('socat', [`pty,raw,echo=0,link=${devicePath}`, `pty,raw,echo=0,link=${appPath}`], {
      stdio: 'ignore',
    });
    await waitFor(() => existsSync(devicePath) && existsSync(appPath), 5000, 'socat to create its pty pair');
    deviceArgs = ['--tty', devicePath];
  } else {
    deviceArgs = ['--link', appPath];
  }
  const harness = spawn(
    harnessPath,
    ['--hex', options.hexPath ?? firmwareHexPath, ...deviceArgs, '--edges', edgesPath],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  harness.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  harness.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await waitFor(
      () => output.includes('ready\n') || harness.exitCode !== null,
      5000,
      'the simavr harness to start',
    );
    if (harness.exitCode !== null) throw new Error(`simprop exited (${harness.exitCode}): ${output.trim()}`);
  } catch (error) {
    harness.kill('SIGKILL');
    socat?.kill('SIGKILL');
    throw error;
  }
  return {
    ptyPath: appPath,
    edgesPath,
    harness,
    async stop() {
      await ended(harness, 'SIGTERM');
      if (socat) await ended(socat, 'SIGTERM');
    },
  };
}

async function ended(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
  await exit;
  clearTimeout(timer);
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function readEdgeLog(path: string): string {
  return readFileSync(path, 'utf8');
}
