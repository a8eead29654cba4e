/** Why a command was refused: the field (a dotted path into the command) and the reason. */
export interface CommandError {
  readonly path: string;
  readonly message: string;
}

/** Thrown inside a command's execution and turned into a refused result by `apply`; never escapes it. */
export class CommandRefusal extends Error {
  override readonly name = 'CommandRefusal';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

export function formatCommandError(error: CommandError): string {
  return error.path ? `${error.path}: ${error.message}` : error.message;
}
