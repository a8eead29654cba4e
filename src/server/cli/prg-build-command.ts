import {
  encodePrg,
  FormatError,
  parsePrgJsonText,
  prgJsonToProgram,
  PRG_MAX_REFRESH_RATE,
} from '../../show/formats/index.js';
import { CliInputError } from './cli-command.js';
import { parseCliArgs, parseWholeNumber, readInputFile, writeOutputFile } from './cli-files.js';

export const PRG_BUILD_USAGE = 'smlive prg build <in.prg.json> -o <out.prg> [--rate HZ]';

/** `smlive prg build`: PRG-JSON → .prg at the JSON's refresh_rate, or at --rate. Nothing is written on bad input. */
export async function prgBuild(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCliArgs(
    args,
    { output: { type: 'string', short: 'o' }, rate: { type: 'string' } },
    PRG_BUILD_USAGE,
  );
  const [input, ...extra] = positionals;
  const output = values.output;
  if (input === undefined || typeof output !== 'string' || extra.length > 0) {
    throw new CliInputError(`usage: ${PRG_BUILD_USAGE}`);
  }
  const rate =
    typeof values.rate === 'string'
      ? parseWholeNumber(values.rate, 1, PRG_MAX_REFRESH_RATE, '--rate')
      : undefined;
  const text = (await readInputFile(input)).toString('utf8');
  let bytes: Uint8Array;
  let summary: string;
  try {
    const json = parsePrgJsonText(text);
    const program = prgJsonToProgram(json, rate);
    bytes = encodePrg(program);
    const frames = program.segments.reduce((sum, segment) => sum + segment.frames, 0);
    summary = `${program.segments.length} segments, ${frames} frames at ${program.refreshRate} Hz`;
  } catch (error) {
    if (error instanceof FormatError) throw new CliInputError(`${input}: ${error.message}`);
    throw error;
  }
  await writeOutputFile(output, bytes);
  console.log(`wrote ${output}: ${summary}, ${bytes.length} bytes`);
  return 0;
}
