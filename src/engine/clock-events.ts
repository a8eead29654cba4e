// A small typed listener table for ShowClock events. A listener that throws is reported and skipped:
// one broken subscriber must not stop the clock telling the others.
import type { ShowClockEventName, ShowClockEvents, ShowClockListener } from './show-clock.js';

export class ClockEvents {
  private readonly listeners = new Map<ShowClockEventName, Set<(event: never) => void>>();

  constructor(private readonly onListenerError: (error: unknown) => void = (error) => console.error(error)) {}

  on<E extends ShowClockEventName>(event: E, listener: ShowClockListener<E>): () => void {
    let set = this.listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as (event: never) => void);
    return () => set.delete(listener as (event: never) => void);
  }

  emit<E extends ShowClockEventName>(event: E, payload: ShowClockEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as ShowClockListener<E>)(payload);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
