// `smlive <command> …`: each command lives in its own file under cli/ and is listed here once. Commands
// load only when run, so `smlive prg inspect` does not pay for the daemon's or the analyser's imports.
import { runCli, type CliCommandLoaders } from './cli/run-cli.js';

const commands: CliCommandLoaders = {
  serve: async () => (await import('./cli/serve-command.js')).serveCommand,
  prg: async () => (await import('./cli/prg-command.js')).prgCommand,
  import: async () => (await import('./cli/import-command.js')).importCommand,
  analyze: async () => (await import('./cli/analyze-command.js')).analyzeCommand,
  devices: async () => (await import('./cli/devices-command.js')).devicesCommand,
};

process.exitCode = await runCli(commands, process.argv.slice(2));
