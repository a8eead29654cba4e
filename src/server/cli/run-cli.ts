import { CliInputError, type CliCommand } from './cli-command.js';

/** Each command by name, loaded on first use. */
export type CliCommandLoaders = Readonly<Record<string, () => Promise<CliCommand>>>;

async function helpText(loaders: CliCommandLoaders): Promise<string> {
  const lines = ['usage: smlive <command> [options]', '', 'commands:'];
  for (const load of Object.values(loaders)) {
    const command = await load();
    lines.push(`  ${command.usage.padEnd(52)} ${command.summary}`);
  }
  return lines.join('\n');
}

/** Dispatches to the named command; bad input prints one line to stderr and returns exit code 2. */
export async function runCli(loaders: CliCommandLoaders, argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(await helpText(loaders));
    return name === undefined ? 2 : 0;
  }
  const load = Object.hasOwn(loaders, name) ? loaders[name] : undefined;
  if (!load) {
    console.error(`smlive: unknown command "${name}"; try: ${Object.keys(loaders).join(', ')}`);
    return 2;
  }
  try {
    return await (await load()).run(rest);
  } catch (error) {
    if (error instanceof CliInputError) {
      console.error(`smlive ${name}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
