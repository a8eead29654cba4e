import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { ShowSchema, type Show } from '../../show/index.js';
import {
  FormatError,
  importPrg,
  importPrgJson,
  importSmproj,
  parseJsonText,
  parseSmprojText,
} from '../../show/formats/index.js';
import { CliInputError, type CliCommand } from './cli-command.js';
import { parseCliArgs, readInputFile } from './cli-files.js';

const USAGE = 'smlive import <file.prg|file.prg.json|file.smproj> [--json]';

interface Imported {
  readonly show: Show;
  readonly warnings: readonly string[];
}

/** `smlive import`: a .prg, PRG-JSON or Sequence Maker project as a show, printed as JSON on stdout. */
export const importCommand: CliCommand = {
  name: 'import',
  summary: 'read a .prg, .prg.json or .smproj and print the show as JSON',
  usage: 'import <file.prg|.prg.json|.smproj> [--json]',
  async run(args) {
    const { values, positionals } = parseCliArgs(args, { json: { type: 'boolean' } }, USAGE);
    const [file, ...extra] = positionals;
    if (file === undefined || extra.length > 0) throw new CliInputError(`usage: ${USAGE}`);
    const bytes = await readInputFile(file);
    let imported: Imported;
    try {
      imported = await importFile(file, bytes);
    } catch (error) {
      if (error instanceof FormatError) throw new CliInputError(`${file}: ${error.message}`);
      throw error;
    }
    if (values.json !== true) {
      const { show } = imported;
      const segments = show.props.reduce((sum, prop) => sum + prop.segments.length, 0);
      console.error(
        `${file}: "${show.name}", ${show.duration.toFixed(2)} s at ${show.frameRate} Hz, ` +
          `${show.props.length} props, ${segments} segments, ${show.lyrics.length} lyric words`,
      );
      for (const warning of imported.warnings) console.error(`warning: ${warning}`);
    }
    console.log(JSON.stringify(imported.show, null, 2));
    return 0;
  },
};

function fileKind(file: string): 'prg' | 'prg-json' | 'smproj' {
  const name = file.toLowerCase();
  if (name.endsWith('.prg')) return 'prg';
  if (name.endsWith('.json')) return 'prg-json';
  if (name.endsWith('.smproj')) return 'smproj';
  throw new CliInputError(`${file}: unknown file type; expected .prg, .prg.json or .smproj`);
}

async function importFile(file: string, bytes: Buffer): Promise<Imported> {
  const stem = basename(file).replace(/\.(prg\.json|prg|json|smproj)$/i, '') || 'imported';
  const names = { showName: stem.slice(0, 200), propName: stem.slice(0, 100) };
  switch (fileKind(file)) {
    case 'prg':
      return {
        show: importPrg(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), names),
        warnings: [],
      };
    case 'prg-json':
      return {
        show: importPrgJson(parseJsonText(bytes.toString('utf8'), 'the PRG-JSON file'), names),
        warnings: [],
      };
    case 'smproj': {
      const { show, audioFile, warnings } = importSmproj(parseSmprojText(bytes.toString('utf8')));
      if (!audioFile) return { show, warnings };
      return withAudio(show, resolve(dirname(file), audioFile), [...warnings]);
    }
  }
}

/** The show keeps its song only when the file is there to hash: the hash is what ties analysis to it. */
async function withAudio(show: Show, audioPath: string, warnings: string[]): Promise<Imported> {
  let audio: Buffer;
  try {
    audio = await readFile(audioPath);
  } catch {
    warnings.push(`audio file ${audioPath} not found: the show has no song attached`);
    return { show, warnings };
  }
  const contentHash = createHash('sha256').update(audio).digest('hex');
  const withSong = ShowSchema.parse({
    ...show,
    audio: { file: audioPath, contentHash, duration: show.duration },
  });
  return { show: withSong, warnings };
}
