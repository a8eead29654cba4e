// What the device benchmarks share: a socat pty pair, the prop firmware in simavr on its device end, a
// device manager with one serial link on its host end, and show/host clocks on CLOCK_MONOTONIC so the
// emulator's pin log and the intended show times are on one time line.
import { mkdtempSync, rmSync } from 'node:fs';
import { getPriority, loadavg, setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceManager } from '../../src/devices/device-manager.js';
import { fixedPort } from '../../src/devices/port-locator.js';
import { SerialLink, type SerialProp } from '../../src/devices/serial/serial-link.js';
import type { ShowClock } from '../../src/devices/show-clock.js';
import { EmulatedProp, buildFirmware, monotonicMs } from './emulated-prop.js';
import { PtyPair } from './pty-pair.js';

export { sleep, until } from './wait.js';

export interface SerialRig {
  readonly pty: PtyPair;
  readonly link: SerialLink;
  readonly manager: DeviceManager;
  readonly clock: ShowClock;
  /** CLOCK_MONOTONIC ms at show time 0. */
  readonly originMs: number;
  /** Every emulator run so far, oldest first (each keeps its own edge log). */
  readonly props: EmulatedProp[];
  /** The nice value the benchmark's own process ran at (the host side of the link). */
  readonly hostNice: number;
  /** Start a fresh emulator on the device end; returns it. */
  startProp(): Promise<EmulatedProp>;
}

export async function withSerialRig<T>(
  props: readonly SerialProp[],
  body: (rig: SerialRig) => Promise<T>,
  linkOptions: { retryDelayMs?: number } = {},
): Promise<T> {
  await buildFirmware();
  // The show daemon is meant to run at a raised priority too (deploy/); do the same for the measurement.
  const niceBefore = getPriority();
  let hostNice = niceBefore;
  try {
    setPriority(HOST_NICE);
    hostNice = HOST_NICE;
  } catch {
    // Not allowed here: measure at normal priority.
  }
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
    ...linkOptions,
  });
  manager.addLink(link);
  const rig: SerialRig = {
    pty,
    link,
    manager,
    clock,
    originMs,
    props: emulators,
    hostNice,
    async startProp() {
      const prop = new EmulatedProp(pty.devicePath, join(dir, `edges-${emulators.length}.log`));
      emulators.push(prop);
      await prop.start();
      return prop;
    },
  };
  try {
    await pty.start();
    await rig.startProp();
    return await body(rig);
  } finally {
    await manager.shutdown();
    for (const prop of emulators) await prop.stop();
    await pty.dispose();
    rmSync(dir, { recursive: true, force: true });
    try {
      setPriority(niceBefore);
    } catch {
      // Lowering urgency back is always allowed; nothing to do if not.
    }
  }
}

const HOST_NICE = -10;

/** The 1-minute load average, reported beside timing figures: the emulator keeps real time only if it gets a core. */
export function load(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100;
}
