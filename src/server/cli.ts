// `smlive <command> …`: each command lives in its own file under cli/ and is listed here once.
import { runCli } from './cli/run-cli.js';
import type { CliCommand } from './cli/cli-command.js';
import { serveCommand } from './cli/serve-command.js';
import { importCommand } from './cli/import-command.js';
import { prgCommand } from './cli/prg-command.js';
import { analyzeCommand } from './cli/analyze-command.js';

const commands: CliCommand[] = [serveCommand, prgCommand, importCommand, analyzeCommand];

process.exitCode = await runCli(commands, process.argv.slice(2));
