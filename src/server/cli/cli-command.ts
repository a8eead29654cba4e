/** One `smlive` sub-command. `run` returns the process exit code; it throws CliUsageError for bad input. */
export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(args: readonly string[]): Promise<number>;
}

/** Bad input on the command line or in a file it names: the CLI prints the message in one line, exit 2. */
export class CliInputError extends Error {
  override readonly name = 'CliInputError';
}
