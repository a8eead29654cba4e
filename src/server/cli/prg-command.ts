import { CliInputError, type CliCommand } from './cli-command.js';
import { prgBuild, PRG_BUILD_USAGE } from './prg-build-command.js';
import { prgInspect, PRG_INSPECT_USAGE } from './prg-inspect-command.js';

/** `smlive prg build|inspect …`: LTX ball programs. */
export const prgCommand: CliCommand = {
  name: 'prg',
  summary: 'build a .prg from PRG-JSON, or print a .prg as PRG-JSON',
  usage: 'prg build <in.prg.json> -o <out.prg> [--rate HZ] | prg inspect <file.prg> [--json]',
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === 'build') return prgBuild(rest);
    if (sub === 'inspect') return prgInspect(rest);
    throw new CliInputError(
      `unknown sub-command "${sub ?? ''}"; usage: ${PRG_BUILD_USAGE} | ${PRG_INSPECT_USAGE}`,
    );
  },
};
