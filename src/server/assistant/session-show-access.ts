import type { ShowAccess, ShowAccessCommitResult } from '../../assistant/index.js';
import type { ShowClock } from '../../engine/show-clock.js';
import type { Show } from '../../show/index.js';
import type { ShowSession } from '../show-session.js';

/** The running daemon as the assistant sees it: the session's show, the heard position, the write path. */
export class SessionShowAccess implements ShowAccess {
  constructor(
    private readonly session: ShowSession,
    private readonly clock: ShowClock,
    /** The show as the assistant sees it (with the beats heard live where the show has no grid). */
    private readonly view: (show: Show) => Show,
    /** Seconds of frames the links already hold ahead of the playhead. */
    private readonly lookahead: () => number,
    private readonly onPreview?: (show: Show | null) => void,
  ) {}

  current(): { show: Show; revision: number } {
    return { show: this.view(this.session.show), revision: this.session.revision };
  }

  showAt(revision: number): Show {
    return this.session.showAt(revision);
  }

  position(): { playhead: number; playing: boolean; lookahead: number } {
    return { playhead: this.clock.now(), playing: this.clock.state.playing, lookahead: this.lookahead() };
  }

  async commit(
    command: unknown,
    options: { author: 'assistant'; label: string; meta: Record<string, unknown> },
  ): Promise<ShowAccessCommitResult> {
    const result = await this.session.command(command, options);
    return result.ok ? result : { ok: false, error: { path: result.path, message: result.message } };
  }

  preview(show: Show | null): void {
    this.onPreview?.(show);
  }
}
