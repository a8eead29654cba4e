// `smlive <command> …`: each command lives in its own file under cli/ and is listed here once.
import { runCli } from './cli/run-cli.js';
import type { CliCommand } from './cli/cli-command.js';

const commands: CliCommand[] = [];

process.exitCode = await runCli(commands, process.argv.slice(2));
