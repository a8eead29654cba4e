// The reference prop firmware running in simavr (hardware/sim/simprop), its UART on the device end of a
// socat pty pair, logging the WS2812 data pin. Stopping it is the unplug; starting it again the replug.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './shared-vectors.js';

export const FIRMWARE_HEX = join(repoRoot, 'hardware', 'build', 'prop.hex');
export const SIMPROP = join(repoRoot, 'hardware', 'build', 'simprop');
export const AVR_HZ = 16_000_000;

/** Build the firmware and the harness (make does nothing when they are up to date). */
export function buildFirmware(): void {
  for (const [tool, pkg] of [
    ['/usr/bin/avr-gcc', 'gcc-avr'],
    ['/usr/include/simavr/sim_avr.h', 'libsimavr-dev'],
  ] as const) {
    if (!existsSync(tool)) throw new Error(`${tool} is missing: apt-get install ${pkg}`);
  }
  execFileSync('make', ['-s', '-C', join(repoRoot, 'hardware'), 'firmware', 'harness'], { stdio: 'pipe' });
}

/** The host's CLOCK_MONOTONIC in ms, the clock simprop stamps its edge log with. */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Scheduling priority asked for the emulator (negative is more urgent). */
const EMULATOR_NICE = -10;

export class EmulatedProp {
  private child: ChildProcess | null = null;
  /** The nice value the emulator got. */
  nice = 0;

  constructor(
    private readonly ttyPath: string,
    readonly edgesPath: string,
  ) {}

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null;
  }

  /** Start simprop and wait until the firmware runs. */
  async start(): Promise<void> {
    if (this.running) throw new Error('emulated prop already running');
    const child = spawn(SIMPROP, ['--hex', FIRMWARE_HEX, '--tty', this.ttyPath, '--edges', this.edgesPath], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    // A real prop has its own CPU; on a shared machine the emulator only keeps real time if it is not
    // starved, so raise its priority where allowed (root); elsewhere it runs at normal priority.
    if (child.pid !== undefined) {
      try {
        setPriority(child.pid, EMULATOR_NICE);
        this.nice = EMULATOR_NICE;
      } catch {
        this.nice = 0;
      }
    }
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`simprop did not start in 5 s: ${output}`)), 5000);
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        if (/^ready$/m.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`simprop exited ${code}: ${output}`));
      });
    });
  }

  /** The unplug: the emulator dies and the tty end it held closes. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child === null || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
  }
}

/** One WS2812 burst on the data pin: one latched frame. */
export interface PinBurst {
  /** CLOCK_MONOTONIC ms at which the last bit left the pin: the latch. */
  readonly latchMs: number;
  /** The bytes shifted out, decoded from the high times (G R B order as the firmware sends them). */
  readonly bytes: Uint8Array;
}

// A WS2812 "1" is high for about 0.8 µs (13 cycles at 16 MHz), a "0" for about 0.4 µs (6 cycles).
const ONE_BIT_MIN_HIGH_CYCLES = 10;

/** Parse simprop's edge log into bursts, each timed by the sync line that opens it. */
export function readPinBursts(path: string): PinBurst[] {
  const bursts: PinBurst[] = [];
  let sync: { cycle: number; ns: bigint } | null = null;
  let bits: number[] = [];
  let riseCycle: number | null = null;
  let lastCycle = 0;
  const finish = (): void => {
    if (sync === null || bits.length === 0) return;
    const bytes = new Uint8Array(Math.floor(bits.length / 8));
    for (let index = 0; index < bytes.length * 8; index += 1) {
      bytes[index >> 3] = ((bytes[index >> 3] as number) << 1) | (bits[index] as number);
    }
    const latchMs = Number(sync.ns) / 1e6 + ((lastCycle - sync.cycle) * 1000) / AVR_HZ;
    bursts.push({ latchMs, bytes });
  };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('# sync ')) {
      finish();
      const [, , cycle, ns] = line.split(' ');
      sync = { cycle: Number(cycle), ns: BigInt(ns ?? '0') };
      bits = [];
      riseCycle = null;
      continue;
    }
    if (line.startsWith('#') || line.trim() === '') continue;
    const [cycleText, levelText] = line.split(' ');
    const cycle = Number(cycleText);
    if (sync === null) continue;
    if (levelText === '1') riseCycle = cycle;
    else if (riseCycle !== null) {
      bits.push(cycle - riseCycle >= ONE_BIT_MIN_HIGH_CYCLES ? 1 : 0);
      riseCycle = null;
    }
    lastCycle = cycle;
  }
  finish();
  return bursts;
}
