import { decodePrg, FormatError, programToPrgJson, type PrgProgram } from '../../show/formats/index.js';
import { CliInputError } from './cli-command.js';
import { parseCliArgs, readInputFile } from './cli-files.js';

export const PRG_INSPECT_USAGE = 'smlive prg inspect <file.prg> [--json]';

/**
 * `smlive prg inspect`: prints the program as PRG-JSON (what `prg build` takes back) on stdout; without
 * --json a short summary for people goes to stderr as well.
 */
export async function prgInspect(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCliArgs(args, { json: { type: 'boolean' } }, PRG_INSPECT_USAGE);
  const [input, ...extra] = positionals;
  if (input === undefined || extra.length > 0) throw new CliInputError(`usage: ${PRG_INSPECT_USAGE}`);
  const bytes = await readInputFile(input);
  let program: PrgProgram;
  try {
    program = decodePrg(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    if (error instanceof FormatError) throw new CliInputError(`${input}: ${error.message}`);
    throw error;
  }
  if (values.json !== true) console.error(describeProgram(input, program));
  console.log(JSON.stringify(programToPrgJson(program), null, 2));
  return 0;
}

function describeProgram(file: string, program: PrgProgram): string {
  const frames = program.segments.reduce((sum, segment) => sum + segment.frames, 0);
  const kinds = program.segments.map((segment) => segment.kind);
  const count = (kind: string): number => kinds.filter((candidate) => candidate === kind).length;
  return (
    `${file}: ${program.segments.length} segments (${count('solid')} solid, ${count('fade')} fade, ` +
    `${count('frames')} per-frame), ${frames} frames at ${program.refreshRate} Hz = ${(frames / program.refreshRate).toFixed(2)} s, ` +
    `${program.defaultPixels} pixels, BT ${program.trailer}`
  );
}
