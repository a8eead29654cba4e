import type { Seconds } from '../show/time.js';

/** The show clock, injected everywhere so that tests can drive time. The engine derives it from audio. */
export interface ShowClock {
  now(): Seconds;
}

/** A show clock that runs with the host's monotonic clock from the moment it is made (rehearsal, tests). */
export function monotonicShowClock(startAt: Seconds = 0): ShowClock {
  const origin = performance.now();
  return { now: () => startAt + (performance.now() - origin) / 1000 };
}

/** A clock that only moves when told to: for unit tests. */
export class ManualShowClock implements ShowClock {
  constructor(private current: Seconds = 0) {}
  now(): Seconds {
    return this.current;
  }
  set(time: Seconds): void {
    this.current = time;
  }
  advance(by: Seconds): void {
    this.current += by;
  }
}
