// Decodes the simavr harness's edge log of the WS2812 data pin back into frames: which colours the
// pixels received and at which CPU cycle the data finished (the latch, as the firmware defines it).

import { CLOCK_START_CYCLE, CPU_HZ, CYCLES_PER_TICK } from './firmware-emulator.js';

/** A high pulse longer than this many cycles is a 1 bit (the firmware drives 5 for 0 and 12 for 1). */
const ONE_THRESHOLD_CYCLES = 9;
/** Low for at least this long ends a frame (WS2812 reset, 50 us). */
const RESET_CYCLES = 800;

export interface Ws2812Burst {
  readonly firstRiseCycle: number;
  /** Cycle of the last falling edge: the end of the data. */
  readonly lastFallCycle: number;
  /** Host CLOCK_MONOTONIC (ns, as process.hrtime.bigint()) when the emulator produced the first rise. */
  readonly firstRiseHostNs: bigint | null;
  /** Bytes in wire order (GRB by default), MSB first. */
  readonly bytes: Uint8Array;
  /** High pulses that were neither a clear 0 nor a clear 1, or a bit count not a multiple of 8. */
  readonly malformed: boolean;
}

export interface PwmWrite {
  readonly channel: 'r' | 'g' | 'b';
  readonly cycle: number;
  readonly value: number;
}

export function parseEdgeLog(text: string): { bursts: Ws2812Burst[]; pwm: PwmWrite[] } {
  const bursts: Ws2812Burst[] = [];
  const pwm: PwmWrite[] = [];
  let bits: number[] = [];
  let first = -1;
  let lastFall = -1;
  let riseAt = -1;
  let syncNs: bigint | null = null;
  let pendingSyncNs: bigint | null = null;
  let malformed = false;
  const finish = () => {
    if (first < 0) return;
    const bytes = new Uint8Array(Math.floor(bits.length / 8));
    for (let index = 0; index < bytes.length * 8; index += 1) {
      bytes[index >> 3] = ((bytes[index >> 3] as number) << 1) | (bits[index] as number);
    }
    bursts.push({
      firstRiseCycle: first,
      lastFallCycle: lastFall,
      firstRiseHostNs: syncNs,
      bytes,
      malformed: malformed || bits.length % 8 !== 0,
    });
    bits = [];
    first = -1;
    syncNs = null;
    malformed = false;
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('# sync ')) {
      pendingSyncNs = BigInt(line.split(' ')[3] ?? '0');
      continue;
    }
    if (line.startsWith('# pwm ')) {
      const [, , channel, cycle, value] = line.split(' ');
      pwm.push({ channel: channel as PwmWrite['channel'], cycle: Number(cycle), value: Number(value) });
      continue;
    }
    if (line === '' || line.startsWith('#')) continue;
    const [cycleText, levelText] = line.split(' ');
    const cycle = Number(cycleText);
    if (levelText === '1') {
      if (first >= 0 && cycle - lastFall >= RESET_CYCLES) finish();
      if (first < 0) {
        first = cycle;
        syncNs = pendingSyncNs;
        pendingSyncNs = null;
      }
      riseAt = cycle;
    } else if (riseAt >= 0) {
      const high = cycle - riseAt;
      if (high < 3 || high > 20) malformed = true;
      bits.push(high > ONE_THRESHOLD_CYCLES ? 1 : 0);
      lastFall = cycle;
      riseAt = -1;
    }
  }
  finish();
  return { bursts, pwm };
}

/** Device clock ticks at a CPU cycle of the emulated prop. */
export function cycleToTicks(cycle: number): number {
  return Math.floor((cycle - CLOCK_START_CYCLE) / CYCLES_PER_TICK) >>> 0;
}

export function cyclesToMs(cycles: number): number {
  return (cycles * 1000) / CPU_HZ;
}
