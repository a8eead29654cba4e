/**
 * Something wrong with the data on disk, or a write that did not reach it. The message starts with the file
 * (and line, when one line is to blame) so that whoever reads it knows where to look.
 */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly reason: string,
    readonly file?: string,
    readonly line?: number,
    options?: { cause?: unknown },
  ) {
    super(file === undefined ? reason : `${file}${line === undefined ? '' : `:${line}`}: ${reason}`, options);
  }
}

/** The message of anything thrown, for error text. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
