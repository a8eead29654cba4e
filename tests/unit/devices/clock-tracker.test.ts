import { describe, expect, it } from 'vitest';
import { ClockTracker } from '../../../src/devices/serial/clock-tracker.js';

const HZ = 250_000;

/** An exchange with a device clock at `offsetMs` from the host, a symmetric round trip and no hold. */
function exchange(hostMs: number, offsetMs: number, rttMs = 0.3) {
  const deviceTicks = Math.round(((hostMs + offsetMs) * HZ) / 1000) >>> 0;
  return {
    hostSendMs: hostMs - rttMs / 2,
    hostReceiveMs: hostMs + rttMs / 2,
    deviceRxTicks: deviceTicks,
    deviceTxTicks: deviceTicks,
  };
}

function mappedOffsetMs(tracker: ClockTracker, hostMs: number): number {
  const ticks = tracker.estimator.hostToDeviceTicks(hostMs) as number;
  const expected = Math.round((hostMs * HZ) / 1000) >>> 0;
  return (((ticks - expected) | 0) * 1000) / HZ;
}

describe('ClockTracker', () => {
  it('follows a steady clock and ignores one exchange delayed by a stall', () => {
    const tracker = new ClockTracker(HZ, 8);
    for (let index = 0; index < 20; index += 1)
      expect(tracker.add(exchange(index * 100, 1000)).kind).toBe('tracking');
    expect(tracker.add(exchange(2000, 1004, 9)).kind).toBe('tracking');
    expect(Math.abs(mappedOffsetMs(tracker, 2100) - 1000)).toBeLessThan(0.05);
    expect(tracker.steps).toBe(0);
  });

  it('moves to a stepped clock after three agreeing exchanges instead of averaging it away', () => {
    const tracker = new ClockTracker(HZ, 8);
    for (let index = 0; index < 30; index += 1) tracker.add(exchange(index * 100, 1000));
    expect(tracker.add(exchange(3000, 995)).kind).toBe('suspect');
    expect(tracker.add(exchange(3010, 995)).kind).toBe('suspect');
    expect(Math.abs(mappedOffsetMs(tracker, 3150) - 1000)).toBeLessThan(0.05);
    expect(tracker.add(exchange(3020, 995)).kind).toBe('tracking');
    expect(tracker.steps).toBe(1);
    expect(Math.abs(mappedOffsetMs(tracker, 3250) - 995)).toBeLessThan(0.05);
  });

  it('says the clock restarted when an exchange is far off the mapping', () => {
    const tracker = new ClockTracker(HZ, 8);
    for (let index = 0; index < 10; index += 1) tracker.add(exchange(index * 100, 1000));
    const verdict = tracker.add(exchange(1000, -50_000));
    expect(verdict).toEqual({ kind: 'restarted', offMs: expect.closeTo(51_000, 0) });
  });
});
