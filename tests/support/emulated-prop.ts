// The prop firmware in simavr (firmware-emulator.ts builds it) on a tty this test owns, typically the
// device end of a PtyPair: stopping only the emulator leaves the host's port open (a prop that resets),
// stopping the pair as well makes the port vanish (a USB unplug). The pin log is read with ws2812-edges.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { buildFirmware, firmwareHexPath, harnessPath } from './firmware-emulator.js';
import { endChild } from './pty-pair.js';
import { cyclesToMs, parseEdgeLog } from './ws2812-edges.js';

export { buildFirmware };

/** The host's CLOCK_MONOTONIC in ms, the clock simprop stamps its edge log with. */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

const CHRT = '/usr/bin/chrt';
const EMULATOR_FIFO_PRIORITY = 20;

export class EmulatedProp {
  private child: ChildProcess | null = null;
  /** How the emulator was scheduled: 'fifo N' or 'normal'. */
  scheduling = 'normal';

  constructor(
    private readonly ttyPath: string,
    readonly edgesPath: string,
  ) {}

  /** Start simprop and wait until the firmware runs. */
  async start(): Promise<void> {
    if (this.child !== null) throw new Error('emulated prop already started');
    const args = ['--hex', firmwareHexPath, '--tty', this.ttyPath, '--edges', this.edgesPath];
    // A real prop has its own CPU; on a shared machine the emulator keeps real time only if it is not
    // starved. Where allowed (root, chrt present) it runs under SCHED_FIFO: it sleeps between latches and
    // the kernel caps real-time tasks at 95 % of a core, so it cannot lock others out.
    const realtime = process.getuid?.() === 0 && existsSync(CHRT);
    const stdio = ['ignore', 'pipe', 'pipe'] as const;
    const child = realtime
      ? spawn(CHRT, ['-f', String(EMULATOR_FIFO_PRIORITY), harnessPath, ...args], { stdio: [...stdio] })
      : spawn(harnessPath, args, { stdio: [...stdio] });
    this.child = child;
    this.scheduling = realtime ? `fifo ${EMULATOR_FIFO_PRIORITY}` : 'normal';
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
