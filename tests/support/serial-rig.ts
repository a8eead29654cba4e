// What the device benchmarks share: a socat pty pair, the prop firmware in simavr on its device end, a
// device manager with one serial link on its host end, and show/host clocks on CLOCK_MONOTONIC so the
// emulator's pin log and the intended show times are on one time line.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { getPriority, loadavg, setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceManager } from '../../src/devices/device-manager.js';
import { fixedPort } from '../../src/devices/port-locator.js';
import { SerialLink, type SerialProp } from '../../src/devices/serial/serial-link.js';
import type { ShowClock } from '../../src/devices/show-clock.js';
import { EmulatedProp, buildFirmware, emulatorReport, monotonicMs } from './emulated-prop.js';
import { PtyPair } from './pty-pair.js';

export { sleep, until } from './wait.js';

/** Benchmarks measure the host as deployed: at real-time priority where the machine allows it. */
export const BENCH_RIG = { hostRealtime: true } as const;

export interface SerialRig {
  readonly pty: PtyPair;
  readonly link: SerialLink;
  readonly manager: DeviceManager;
  readonly clock: ShowClock;
  /** CLOCK_MONOTONIC ms at show time 0. */
  readonly originMs: number;
  /** Every emulator run so far, oldest first (each keeps its own edge log). */
  readonly props: EmulatedProp[];
  /** How this process (the host side of the link) was scheduled: 'fifo N', 'nice N' or 'normal'. */
  readonly hostScheduling: string;
  /** Start a fresh emulator on the device end; returns it. */
  startProp(): Promise<EmulatedProp>;
  /** Start the pty pair again after a stop (the port reappears). */
  startPort(): Promise<void>;
  /** How the run was scheduled and how loaded the machine was: reported beside every timing figure. */
  conditions(): Record<string, unknown>;
}

export async function withSerialRig<T>(
  props: readonly SerialProp[],
  body: (rig: SerialRig) => Promise<T>,
  options: { retryDelayMs?: number; hostRealtime?: boolean } = {},
): Promise<T> {
  await buildFirmware();
  const loadBefore = load();
  const restoreScheduling = raiseHostPriority(options.hostRealtime ?? false);
  // socat and the emulator's tty thread stand in for a USB adapter and a prop's UART, which a loaded host
  // cannot starve: with hostRealtime they get the host's raised priority too.
  const standInsRaised = options.hostRealtime ?? false;
  const dir = mkdtempSync(join(tmpdir(), 'smlive-bench-'));
  const pty = new PtyPair('bench');
  const emulators: EmulatedProp[] = [];
  const originMs = monotonicMs();
  const clock: ShowClock = { now: () => (monotonicMs() - originMs) / 1000 };
  const manager = new DeviceManager({ clock });
  const link = new SerialLink({
    id: 'dongle',
    port: fixedPort(pty.hostPath),
    clock,
    hostNowMs: monotonicMs,
    props,
    ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
  });
  manager.addLink(link);
  const rig: SerialRig = {
    pty,
    link,
    manager,
    clock,
    originMs,
    props: emulators,
    hostScheduling: restoreScheduling.scheduling,
    async startProp() {
      const prop = new EmulatedProp(pty.devicePath, join(dir, `edges-${emulators.length}.log`));
      emulators.push(prop);
      await prop.start();
      if (standInsRaised) raiseAllThreads(prop.pid, HOST_NICE);
      return prop;
    },
    conditions() {
      return {
        scheduling: {
          emulator: emulatorReport(emulators[0]?.edgesPath ?? ''),
          host: restoreScheduling.scheduling,
        },
        load_1min: { before: loadBefore, after: load() },
      };
    },
    async startPort() {
      await pty.start();
      if (standInsRaised) raiseAllThreads(pty.pid, HOST_NICE);
    },
  };
  try {
    await rig.startPort();
    await rig.startProp();
    return await body(rig);
  } finally {
    await manager.shutdown();
    for (const prop of emulators) await prop.stop();
    await pty.dispose();
    rmSync(dir, { recursive: true, force: true });
    restoreScheduling.restore();
  }
}

const HOST_NICE = -10;
const HOST_FIFO_PRIORITY = 10;
const CHRT = '/usr/bin/chrt';

/**
 * The show daemon is meant to run at a raised priority (deploy/), so measure it that way: nice −10, or
 * with `realtime` the main thread under SCHED_FIFO (root and chrt needed; the kernel still keeps 5 % of
 * every core for normal tasks). Returns what was obtained and how to undo it.
 */
function raiseHostPriority(realtime: boolean): { scheduling: string; restore: () => void } {
  const niceBefore = getPriority();
  if (realtime && process.getuid?.() === 0 && existsSync(CHRT)) {
    try {
      execFileSync(CHRT, ['-f', '-p', String(HOST_FIFO_PRIORITY), String(process.pid)]);
      // The main thread runs the show; libuv's pool (where serial writes happen) and V8's helpers get nice.
      raiseAllThreads(process.pid, HOST_NICE);
      return {
        scheduling: `fifo ${HOST_FIFO_PRIORITY}`,
        restore: () => execFileSync(CHRT, ['-o', '-p', '0', String(process.pid)]),
      };
    } catch {
      // Fall back to nice below.
    }
  }
  try {
    setPriority(HOST_NICE);
    return { scheduling: `nice ${HOST_NICE}`, restore: () => setPriority(niceBefore) };
  } catch {
    return { scheduling: 'normal', restore: () => undefined };
  }
}

/** The 1-minute load average, reported beside timing figures: the emulator keeps real time only if it gets a core. */
export function load(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100;
}

/** Set the nice value of every thread of a process (on Linux nice is per thread). */
function raiseAllThreads(pid: number | undefined, nice: number): void {
  if (pid === undefined) return;
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return;
  }
  for (const tid of tids) {
    try {
      setPriority(Number(tid), nice);
    } catch {
      // Not allowed, or the thread is gone: leave it.
    }
  }
}
