// A simulated audio render thread: quanta of 128 frames become visible late by a random, bursty amount,
// and a reader polls at irregular times, as JS sees node-web-audio-api's currentTime. The smoother must
// recover the sample clock's line from that, never go back and never jitter.
import { describe, expect, it } from 'vitest';
import { SampleClockSmoother } from '../../../src/engine/sample-clock-smoother.js';
import { seededRandom } from '../../support/test-audio/prng.js';

const QUANTUM = 128 / 44100;

interface Simulation {
  /** Sample-clock seconds per host second (1 + drift). */
  readonly speed?: number;
  /** Host ms ranges during which nothing renders (the audio clock stops, as in an underrun). */
  readonly stalls?: readonly (readonly [number, number])[];
  /** Whether the renderer makes up for a stall afterwards (a late thread) instead of losing the time. */
  readonly catchUp?: boolean;
  readonly seconds: number;
  readonly seed: number;
}

interface Read {
  readonly hostMs: number;
  readonly smoothed: number;
  /** Where the sample clock really is: the on-time line, shifted by any stall so far. */
  readonly truth: number;
}

function simulate({ speed = 1, stalls = [], catchUp = false, seconds, seed }: Simulation): Read[] {
  const random = seededRandom(seed);
  const smoother = new SampleClockSmoother();
  const reads: Read[] = [];
  let visible = 0; // the sample clock as JS sees it: the end of the last rendered quantum
  let nextVisibleAt = (QUANTUM / speed) * 1000;
  for (let hostMs = 0; hostMs < seconds * 1000; hostMs += 0.3 + random() * 1.7) {
    const stalledMs = catchUp
      ? 0
      : stalls.reduce((sum, [from, to]) => sum + Math.max(0, Math.min(to, hostMs) - from), 0);
    const inStall = stalls.some(([from, to]) => hostMs >= from && hostMs < to);
    // Quantum k ends at sample time k·q, due then (plus any stall), and is seen 0–2 ms late, 1 % 10 ms late.
    while (!inStall && hostMs >= nextVisibleAt) {
      visible += QUANTUM;
      const due = ((visible + QUANTUM) / speed) * 1000 + stalledMs;
      nextVisibleAt = due + (random() < 0.01 ? 10 : random() * 2);
    }
    smoother.observe(hostMs, visible);
    reads.push({
      hostMs,
      smoothed: smoother.read(hostMs) as number,
      truth: ((hostMs - stalledMs) / 1000) * speed,
    });
  }
  return reads;
}

function settled(reads: Read[], afterMs: number, beforeMs = Infinity): Read[] {
  return reads.filter((read) => read.hostMs >= afterMs && read.hostMs < beforeMs);
}

describe('SampleClockSmoother', () => {
  it('tracks the sample clock to well under a millisecond despite late, bursty sightings', () => {
    const reads = settled(simulate({ seconds: 10, seed: 1 }), 1000);
    const errors = reads.map((read) => Math.abs(read.smoothed - read.truth) * 1000);
    expect(Math.max(...errors)).toBeLessThan(0.5);
  });

  it('never goes back and moves at nearly real speed between reads', () => {
    const reads = simulate({ seconds: 10, seed: 2 });
    for (let index = 1; index < reads.length; index++) {
      const previous = reads[index - 1] as Read;
      const read = reads[index] as Read;
      const elapsed = (read.hostMs - previous.hostMs) / 1000;
      const moved = read.smoothed - previous.smoothed;
      expect(moved).toBeGreaterThanOrEqual(0);
      if (read.hostMs > 200) expect(Math.abs(moved - elapsed)).toBeLessThanOrEqual(0.1 * elapsed + 1e-12);
    }
  });

  it('follows a sound card crystal 200 ppm fast or slow', () => {
    for (const speed of [1.0002, 0.9998]) {
      const reads = settled(simulate({ seconds: 20, seed: 3, speed }), 2000);
      const worst = Math.max(...reads.map((read) => Math.abs(read.smoothed - read.truth) * 1000));
      expect(worst).toBeLessThan(0.5);
    }
  });

  it('stops soon after the audio stops, holds without going back, and locks on again', () => {
    const reads = simulate({ seconds: 6, seed: 4, stalls: [[3000, 3500]] });
    const during = settled(reads, 3000, 3500);
    const lastBefore = settled(reads, 2990, 3000).at(-1) as Read;
    // It may run on for the stall limit (100 ms, counted from the last step it saw) before it stops.
    expect(Math.max(...during.map((read) => read.smoothed))).toBeLessThanOrEqual(
      lastBefore.truth + 0.1 + 0.02,
    );
    const stopped = settled(reads, 3200, 3500).map((read) => read.smoothed);
    expect(Math.max(...stopped) - Math.min(...stopped)).toBe(0);
    // Sightings stay late after an underrun: after 0.3 s the smoother takes the new schedule.
    const after = settled(reads, 4200);
    expect(Math.max(...after.map((read) => Math.abs(read.smoothed - read.truth) * 1000))).toBeLessThan(0.5);
    for (let index = 1; index < reads.length; index++) {
      expect((reads[index] as Read).smoothed).toBeGreaterThanOrEqual((reads[index - 1] as Read).smoothed);
    }
  });

  it('keeps the schedule when a late render thread catches up', () => {
    const reads = simulate({ seconds: 6, seed: 5, stalls: [[3000, 3150]], catchUp: true });
    const after = settled(reads, 3200);
    expect(Math.max(...after.map((read) => Math.abs(read.smoothed - read.truth) * 1000))).toBeLessThan(0.5);
    for (let index = 1; index < reads.length; index++) {
      expect((reads[index] as Read).smoothed).toBeGreaterThanOrEqual((reads[index - 1] as Read).smoothed);
    }
  });

  it('jumps forward when far behind instead of racing to catch up', () => {
    const smoother = new SampleClockSmoother();
    smoother.observe(0, 1);
    expect(smoother.read(0)).toBe(1);
    smoother.observe(10, 5); // a new anchor far ahead (the clock had been reading a stale context)
    expect(smoother.read(10)).toBeCloseTo(5, 9);
  });
});
