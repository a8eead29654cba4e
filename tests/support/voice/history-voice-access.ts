// The voice prompter's view of a show held in a real ShowHistory, with the blackout latch as a flag: what
// the daemon's adapter does over its ShowSession and live output, minus the sockets and devices.
import type { PlannedEdit, VoiceEditResult, VoiceShowAccess } from '../../../src/assistant/voice/index.js';
import { ShowHistory, type Show } from '../../../src/show/index.js';

export class HistoryVoiceAccess implements VoiceShowAccess {
  readonly history: ShowHistory;
  blackout = false;

  constructor(
    show: Show,
    private readonly at: { playhead: number; lookahead: number },
  ) {
    this.history = new ShowHistory(show);
  }

  current() {
    return { show: this.history.show, revision: this.history.revision };
  }

  position() {
    return { playhead: this.at.playhead, playing: true, lookahead: this.at.lookahead };
  }

  async apply(
    edit: PlannedEdit,
    checkpoint: { label: string; meta: Record<string, unknown> },
  ): Promise<VoiceEditResult> {
    const options = { author: 'operator' as const, label: checkpoint.label, meta: checkpoint.meta };
    if (edit.kind === 'blackout') {
      this.blackout = edit.on;
      return { ok: true };
    }
    const result =
      edit.kind === 'command'
        ? this.history.commit(edit.command, options)
        : edit.kind === 'undo'
          ? this.history.undo(options)
          : this.history.redo(options);
    if (!result.ok) return { ok: false, message: result.error.message };
    return { ok: true, revision: result.checkpoint.revision, checkpointId: result.checkpoint.id };
  }
}
