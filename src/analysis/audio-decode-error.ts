/** Why a file could not become audio: each kind maps to a different fix for the person holding the file. */
export type AudioDecodeFailure = 'unreadable' | 'empty' | 'unsupported' | 'corrupt' | 'truncated';

/**
 * A file or byte buffer that cannot be played or analysed. The message is one line that names the source
 * and says what is wrong with it, so the CLI and the controller can show it as is.
 */
export class AudioDecodeError extends Error {
  override readonly name = 'AudioDecodeError';

  constructor(
    readonly failure: AudioDecodeFailure,
    readonly source: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${source}: ${detail}`, options);
  }
}
