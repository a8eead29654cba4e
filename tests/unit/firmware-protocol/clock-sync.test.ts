import { describe, expect, it } from 'vitest';
import {
  addU32,
  ClockSyncEstimator,
  diffU16,
  diffU32,
  isBeforeU32,
  nextSeq,
} from '../../../src/firmware-protocol/index.js';
import { SeededRandom } from './seeded-random.js';

const CLOCK_HZ = 250_000;

/** A device whose clock started `offsetTicks` ago and runs `driftPpm` fast, behind a link with random queueing. */
function simulateExchanges(options: {
  offsetTicks: number;
  driftPpm: number;
  count: number;
  periodMs: number;
  seed: number;
}) {
  const random = new SeededRandom(options.seed);
  const deviceTicks = (hostMs: number) =>
    (Math.round(options.offsetTicks + hostMs * (CLOCK_HZ / 1000) * (1 + options.driftPpm / 1e6)) >>>
      0) as number;
  const samples = [];
  for (let index = 0; index < options.count; index += 1) {
    const hostSendMs = 1000 + index * options.periodMs;
    // 0.1 ms wire time each way plus queueing of up to 8 ms, more often small than large.
    const up = 0.1 + (random.below(1000) / 1000) ** 3 * 8;
    const down = 0.1 + (random.below(1000) / 1000) ** 3 * 8;
    const hold = 0.05;
    samples.push({
      hostSendMs,
      hostReceiveMs: hostSendMs + up + hold + down,
      deviceRxTicks: deviceTicks(hostSendMs + up),
      deviceTxTicks: deviceTicks(hostSendMs + up + hold),
    });
  }
  return { samples, deviceTicks };
}

describe('clock sync from minimum-RTT pings', () => {
  it('recovers offset and drift within half a millisecond despite queueing', () => {
    const { samples, deviceTicks } = simulateExchanges({
      offsetTicks: 123_456_789,
      driftPpm: 80,
      count: 64,
      periodMs: 100,
      seed: 3,
    });
    const clock = new ClockSyncEstimator({ clockHz: CLOCK_HZ });
    for (const sample of samples) clock.addSample(sample);
    const estimate = clock.estimate();
    expect(estimate?.driftPpm).toBeGreaterThan(40);
    expect(estimate?.driftPpm).toBeLessThan(120);
    for (const hostMs of [1000, 5000, 8000]) {
      const error = diffU32(clock.hostToDeviceTicks(hostMs) ?? 0, deviceTicks(hostMs));
      // Queueing is asymmetric, so even the best exchanges are off by a part of their round trip.
      expect(Math.abs(error)).toBeLessThan(0.5 * (CLOCK_HZ / 1000));
    }
  });

  it('a single exchange gives the offset at the nominal rate, off by at most half its round trip', () => {
    const { samples, deviceTicks } = simulateExchanges({
      offsetTicks: 5,
      driftPpm: 0,
      count: 1,
      periodMs: 100,
      seed: 9,
    });
    const clock = new ClockSyncEstimator({ clockHz: CLOCK_HZ });
    clock.addSample(samples[0]!);
    const rtt = clock.estimate()!.minRttMs;
    expect(clock.estimate()?.driftPpm).toBe(0);
    expect(Math.abs(diffU32(clock.hostToDeviceTicks(2000)!, deviceTicks(2000)))).toBeLessThanOrEqual(
      (rtt / 2) * 250 + 1,
    );
  });

  it('tracks across the 32-bit wrap of the device clock', () => {
    const start = 0xffffffff - 250 * 1000; // wraps one second in
    const { samples, deviceTicks } = simulateExchanges({
      offsetTicks: start - 250 * 1000,
      driftPpm: -30,
      count: 60,
      periodMs: 50,
      seed: 5,
    });
    const clock = new ClockSyncEstimator({ clockHz: CLOCK_HZ });
    for (const sample of samples) clock.addSample(sample);
    const late = 1000 + 59 * 50;
    expect(deviceTicks(late)).toBeLessThan(start); // the device clock did wrap
    expect(Math.abs(diffU32(clock.hostToDeviceTicks(late)!, deviceTicks(late)))).toBeLessThan(50);
    const back = clock.deviceTicksToHostMs(deviceTicks(late))!;
    expect(Math.abs(back - late)).toBeLessThan(0.2);
  });

  it('ignores answers with impossible stamps and starts over on reset', () => {
    const clock = new ClockSyncEstimator({ clockHz: CLOCK_HZ });
    clock.addSample({ hostSendMs: 10, hostReceiveMs: 9, deviceRxTicks: 0, deviceTxTicks: 0 });
    expect(clock.estimate()).toBeNull();
    clock.addSample({ hostSendMs: 10, hostReceiveMs: 11, deviceRxTicks: 100, deviceTxTicks: 100 });
    expect(clock.hostToDeviceTicks(10.5)).toBe(100);
    clock.reset();
    expect(clock.hostToDeviceTicks(10.5)).toBeNull();
  });
});

describe('wrapping counters', () => {
  it('orders 32-bit ticks by signed difference across the wrap', () => {
    expect(diffU32(5, 0xfffffffb)).toBe(10);
    expect(diffU32(0xfffffffb, 5)).toBe(-10);
    expect(isBeforeU32(0xfffffff0, 0x10)).toBe(true);
    expect(addU32(0xffffffff, 2)).toBe(1);
    expect(addU32(1, -2)).toBe(0xffffffff);
  });

  it('orders 16-bit sequence numbers the same way', () => {
    expect(diffU16(1, 0xffff)).toBe(2);
    expect(diffU16(0xffff, 1)).toBe(-2);
    expect(nextSeq(0xffff)).toBe(0);
  });
});
