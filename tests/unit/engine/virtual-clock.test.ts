import { describe, expect, it } from 'vitest';
import { TransportError, type ShowClockEvents } from '../../../src/engine/show-clock.js';
import { ManualHostClock, VirtualClock } from '../../../src/engine/virtual-clock.js';

function clockWithEvents(duration = 60) {
  const host = new ManualHostClock();
  const clock = new VirtualClock({ duration, hostClock: host.read });
  const events: { name: keyof ShowClockEvents; payload: unknown }[] = [];
  for (const name of ['play', 'pause', 'seek', 'loop', 'rate', 'ended'] as const) {
    clock.on(name, (payload) => events.push({ name, payload }));
  }
  return { host, clock, events };
}

describe('VirtualClock', () => {
  it('stands still until played, then runs with the host clock', () => {
    const { host, clock, events } = clockWithEvents();
    host.advance(5);
    expect(clock.now()).toBe(0);
    clock.play();
    host.advance(1.5);
    expect(clock.now()).toBe(1.5);
    expect(clock.state.playing).toBe(true);
    expect(events.map((event) => event.name)).toEqual(['play']);
  });

  it('pauses, seeks and changes rate, announcing each', () => {
    const { host, clock, events } = clockWithEvents();
    clock.play();
    host.advance(2);
    clock.pause();
    host.advance(10);
    expect(clock.now()).toBe(2);
    clock.seek(30);
    expect(clock.now()).toBe(30);
    clock.setRate(0.5);
    clock.play();
    host.advance(4);
    expect(clock.now()).toBe(32);
    expect(events.map((event) => event.name)).toEqual(['play', 'pause', 'seek', 'rate', 'play']);
    expect(events[2]?.payload).toMatchObject({ from: 2, to: 30 });
  });

  it('loops a range, jumping into it when past its end', () => {
    const { host, clock, events } = clockWithEvents();
    clock.seek(10);
    clock.setLoop({ start: 4, end: 8 });
    expect(clock.now()).toBe(4);
    clock.play();
    host.advance(5);
    expect(clock.now()).toBe(5);
    expect(events.filter((event) => event.name === 'loop')).toHaveLength(1);
    host.advance(4);
    expect(clock.now()).toBe(5);
    expect(events.filter((event) => event.name === 'loop')).toHaveLength(2);
    clock.setLoop(null);
    host.advance(4);
    expect(clock.now()).toBe(9);
  });

  it('stops at the end of the song', () => {
    const { host, clock, events } = clockWithEvents(10);
    clock.play();
    host.advance(12);
    expect(clock.now()).toBe(10);
    expect(clock.state.playing).toBe(false);
    expect(events.at(-1)).toEqual({ name: 'ended', payload: { at: 10, heardAtMs: 10_000 } });
    clock.play();
    host.advance(1);
    expect(clock.now()).toBe(1);
  });

  it('rejects bad requests and changes nothing', () => {
    const { host, clock, events } = clockWithEvents(10);
    clock.play();
    host.advance(1);
    expect(() => clock.seek(11)).toThrow(TransportError);
    expect(() => clock.seek(Number.NaN)).toThrow(/cannot seek/);
    expect(() => clock.setRate(0)).toThrow(/between 0.25 and 2/);
    expect(() => clock.setLoop({ start: 5, end: 5.01 })).toThrow(/shorter than/);
    expect(clock.now()).toBe(1);
    expect(clock.state).toEqual({ playing: true, rate: 1, loop: null, duration: 10 });
    expect(events.map((event) => event.name)).toEqual(['play']);
  });

  it('keeps telling the other listeners when one throws', () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (error: unknown) => errors.push(error);
    try {
      const { clock, events } = clockWithEvents();
      clock.on('play', () => {
        throw new Error('broken listener');
      });
      clock.play();
      expect(events).toHaveLength(1);
      expect(errors).toHaveLength(1);
    } finally {
      console.error = original;
    }
  });
});
