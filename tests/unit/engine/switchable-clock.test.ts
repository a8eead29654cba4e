// The clock whose source changes while the show runs: listeners subscribed once hear the new source, never
// the old one, and a switch is announced as a pause (if it was playing) and a seek to the new song's start.
import { describe, expect, it } from 'vitest';
import type { ShowClockEvents } from '../../../src/engine/show-clock.js';
import { SwitchableClock, type ClockSource } from '../../../src/engine/switchable-clock.js';
import { ManualHostClock, VirtualClock } from '../../../src/engine/virtual-clock.js';

type Heard = { name: keyof ShowClockEvents; event: ShowClockEvents[keyof ShowClockEvents] };

function listen(clock: SwitchableClock): Heard[] {
  const heard: Heard[] = [];
  for (const name of ['play', 'pause', 'seek', 'loop', 'rate', 'ended'] as const)
    clock.on(name, (event) => heard.push({ name, event }));
  return heard;
}

/** A virtual clock that says when it was closed and what calibration it was given. */
function source(host: ManualHostClock, duration: number) {
  const clock = new VirtualClock({ duration, hostClock: host.read });
  const record = { closed: false, calibration: null as number | null };
  const wrapped: ClockSource = Object.assign(clock, {
    close: async () => {
      record.closed = true;
    },
    setCalibration: (seconds: number) => {
      record.calibration = seconds;
    },
  });
  return { clock: wrapped, record };
}

describe('SwitchableClock', () => {
  it('relays its source and, on a switch, pauses, seeks to 0 and closes the old source', async () => {
    const host = new ManualHostClock();
    const first = source(host, 30);
    const clock = new SwitchableClock(first.clock);
    const heard = listen(clock);
    clock.setCalibration(0.05);
    clock.setRate(0.5);
    clock.play();
    host.advance(4);
    expect(clock.now()).toBeCloseTo(2, 9);
    expect(heard.map((entry) => entry.name)).toEqual(['rate', 'play']);

    const second = source(host, 12);
    heard.length = 0;
    await clock.switchTo(async () => {
      // The old source has let go of the output before the new one opens.
      expect(first.record.closed).toBe(true);
      return second.clock;
    }, 12);
    expect(first.record.closed).toBe(true);
    expect(second.record.calibration).toBe(0.05);
    expect(clock.state).toEqual({ playing: false, rate: 0.5, loop: null, duration: 12 });
    expect(clock.now()).toBe(0);
    expect(heard.map((entry) => [entry.name, entry.event])).toEqual([
      ['pause', { at: 2, heardAtMs: 4000 }],
      ['seek', { from: 2, to: 0, heardAtMs: 4000 }],
    ]);

    // The old source is no longer heard; the new one is.
    heard.length = 0;
    first.clock.seek(5);
    expect(heard).toEqual([]);
    clock.play();
    host.advance(30);
    expect(clock.now()).toBe(12);
    expect(heard.map((entry) => entry.name)).toEqual(['play', 'ended']);
    await clock.close();
    expect(second.record.closed).toBe(true);
  });

  it('stands a silent clock in when the new source cannot open, and says why', async () => {
    const host = new ManualHostClock();
    const clock = new SwitchableClock(source(host, 30).clock);
    await expect(clock.switchTo(() => Promise.reject(new Error('no such card')), 17)).rejects.toThrow(
      'no such card',
    );
    expect(clock.source).toBeInstanceOf(VirtualClock);
    expect(clock.state.duration).toBe(17);
    clock.play();
    expect(clock.state.playing).toBe(true);
  });
});
