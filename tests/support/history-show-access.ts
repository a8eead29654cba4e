import type { ShowAccessCommitResult, ShowAccess } from '../../src/assistant/index.js';
import { ShowHistory, type Show } from '../../src/show/index.js';

/** A ShowAccess over the real in-memory history, with a playhead the test moves by hand. */
export class HistoryShowAccess implements ShowAccess {
  readonly history: ShowHistory;
  playhead = 0;
  playing = false;
  lookahead = 0.1;
  previews: (Show | null)[] = [];

  constructor(show: Show) {
    this.history = new ShowHistory(show);
  }

  current(): { show: Show; revision: number } {
    return { show: this.history.show, revision: this.history.revision };
  }

  showAt(revision: number): Show {
    return this.history.showAt(revision);
  }

  position(): { playhead: number; playing: boolean; lookahead: number } {
    return { playhead: this.playhead, playing: this.playing, lookahead: this.lookahead };
  }

  async commit(
    command: unknown,
    options: { author: 'assistant'; label: string; meta: Record<string, unknown> },
  ): Promise<ShowAccessCommitResult> {
    const result = this.history.commit(command, options);
    if (!result.ok) return result;
    return { ok: true, revision: result.checkpoint.revision, checkpointId: result.checkpoint.id };
  }

  preview(show: Show | null): void {
    this.previews.push(show);
  }
}
