import { CliInputError, type CliCommand } from './cli-command.js';

function helpText(commands: readonly CliCommand[]): string {
  const lines = ['usage: smlive <command> [options]', '', 'commands:'];
  for (const command of commands) lines.push(`  ${command.usage.padEnd(52)} ${command.summary}`);
  return lines.join('\n');
}

/** Dispatches to the named command; bad input prints one line to stderr and returns exit code 2. */
export async function runCli(commands: readonly CliCommand[], argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(helpText(commands));
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    console.error(`smlive: unknown command "${name}"; try: ${commands.map((c) => c.name).join(', ')}`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof CliInputError) {
      console.error(`smlive ${name}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
