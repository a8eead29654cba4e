// Between the show clock's positions and host time (performance.now ms): a beat heard at a host time is
// placed on the show's timeline, and one predicted at a show position is given the host time it sounds.
import type { Seconds } from '../show/time.js';
import type { ShowClock } from './show-clock.js';

/** Where the show clock stands at a host time: moving with the rate while playing, standing otherwise. */
export function positionAtHostTime(clock: ShowClock, hostMs: number): Seconds {
  if (!clock.state.playing) return clock.now();
  return clock.now() + ((hostMs - clock.hostNowMs()) / 1000) * clock.state.rate;
}

/** The host time at which the playing clock reaches a show position. */
export function hostTimeAtPosition(clock: ShowClock, position: Seconds): number {
  return clock.hostNowMs() + ((position - clock.now()) / clock.state.rate) * 1000;
}
