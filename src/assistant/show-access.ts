import type { CommandError, Show } from '../show/index.js';

export type ShowAccessCommitResult =
  | { readonly ok: true; readonly revision: number; readonly checkpointId: string }
  | { readonly ok: false; readonly error: CommandError };

/** What the assistant needs from the running daemon: the show, the music's position, and the write path. */
export interface ShowAccess {
  current(): { readonly show: Show; readonly revision: number };
  /** The show as it was at an earlier revision (to see what changed while the model was thinking). */
  showAt(revision: number): Show;
  position(): { readonly playhead: number; readonly playing: boolean; readonly lookahead: number };
  /** Applies through the show's one write path; resolves once the checkpoint is on disk. */
  commit(
    command: unknown,
    options: { readonly author: 'assistant'; readonly label: string; readonly meta: Record<string, unknown> },
  ): Promise<ShowAccessCommitResult>;
  /** Shows a proposed show on the virtual props only, or ends that preview (null). */
  preview?(show: Show | null): void;
}
