// The live input's state as the operators see it: listening (with the tempo last heard), ended, or failed
// with the reason. Only status changes are news; the tempo rides on the heard beats themselves.
import { EventEmitter } from 'node:events';
import type { LiveInputState } from '../contracts/index.js';

export class LiveInputStatus extends EventEmitter<{ changed: [state: LiveInputState] }> {
  private state: LiveInputState | null = null;

  current(): LiveInputState | null {
    return this.state;
  }

  set(change: Partial<LiveInputState> & { source: string }): void {
    const previous = this.state;
    const next: LiveInputState = {
      status: 'listening',
      bpm: null,
      confidence: null,
      problem: null,
      ...previous,
      ...change,
    };
    this.state = next;
    if (previous?.status !== next.status || previous.problem !== next.problem) this.emit('changed', next);
  }
}
