// The prop firmware in simavr (firmware-emulator.ts builds it) on a tty this test owns, typically the
// device end of a PtyPair: stopping only the emulator leaves the host's port open (a prop that resets),
// stopping the pair as well makes the port vanish (a USB unplug). The pin log is read with ws2812-edges.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { buildFirmware, firmwareHexPath, harnessPath } from './firmware-emulator.js';
import { endChild } from './pty-pair.js';
import { cyclesToMs, parseEdgeLog } from './ws2812-edges.js';

export { buildFirmware };

/** The host's CLOCK_MONOTONIC in ms, the clock simprop stamps its edge log with. */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export class EmulatedProp {
  private child: ChildProcess | null = null;

  constructor(
    private readonly ttyPath: string,
    readonly edgesPath: string,
  ) {}

  /** simprop's process id while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Start simprop and wait until the firmware runs. */
  async start(): Promise<void> {
    if (this.child !== null) throw new Error('emulated prop already started');
    // simprop takes real-time priority for its emulator thread itself where allowed (a real prop has
    // its own CPU) and logs "# no real-time priority" when it cannot.
    const args = ['--hex', firmwareHexPath, '--tty', this.ttyPath, '--edges', this.edgesPath];
    const child = spawn(harnessPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`simprop did not start in 5 s: ${output}`)), 5000);
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (/^ready$/m.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`simprop exited ${code}: ${output}`));
      });
    });
  }

  /** The emulator dies (flushing its pin log); the tty end it held closes. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child !== null) await endChild(child);
  }
}

/** One WS2812 burst on the data pin: one latched frame. */
export interface PinBurst {
  /** CLOCK_MONOTONIC ms at which the last bit left the pin: the latch. */
  readonly latchMs: number;
  /** The bytes shifted out, in wire order. */
  readonly bytes: Uint8Array;
}

/** Well-formed bursts of a pin log, each timed on the host clock from the sync stamp that opens it. */
export function readPinBursts(edgesPath: string): PinBurst[] {
  return parseEdgeLog(readFileSync(edgesPath, 'utf8'))
    .bursts.filter((burst) => burst.firstRiseHostNs !== null && !burst.malformed)
    .map((burst) => ({
      latchMs: Number(burst.firstRiseHostNs) / 1e6 + cyclesToMs(burst.lastFallCycle - burst.firstRiseCycle),
      bytes: burst.bytes,
    }));
}

/** How the emulator ran, from the end of its log: real-time or not, and how often the host starved it. */
export function emulatorReport(edgesPath: string): {
  scheduling: 'fifo' | 'normal';
  slips: number | null;
  slipped_ms: number | null;
  max_lag_ms: number | null;
} {
  const log = readFileSync(edgesPath, 'utf8');
  const stats = /# stats slips (\d+) slipped_ns (\d+) max_lag_ns (\d+)/.exec(log);
  return {
    scheduling: log.includes('# no real-time priority') ? 'normal' : 'fifo',
    slips: stats === null ? null : Number(stats[1]),
    slipped_ms: stats === null ? null : Math.round(Number(stats[2]) / 1e4) / 100,
    max_lag_ms: stats === null ? null : Math.round(Number(stats[3]) / 1e4) / 100,
  };
}
