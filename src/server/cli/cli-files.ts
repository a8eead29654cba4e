// File access for CLI commands: failures become one-line CliInputErrors, and outputs are replaced whole.
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliInputError } from './cli-command.js';

function reason(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

export async function readInputFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new CliInputError(`cannot read ${path}: ${reason(error)}`);
  }
}

/** Writes beside the target and renames over it, so a failed write never leaves a half file behind. */
export async function writeOutputFile(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, bytes, { flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new CliInputError(`cannot write ${path}: ${reason(error)}`);
  }
}

/** node:util parseArgs, with its errors as one-line CliInputErrors that show the usage. */
export function parseCliArgs<T extends ParseArgsConfig['options']>(
  args: readonly string[],
  options: T,
  usage: string,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options,
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new CliInputError(`${message} (usage: ${usage})`);
  }
}

/** A whole number in [min, max] from an option's text. */
export function parseWholeNumber(text: string, min: number, max: number, what: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new CliInputError(`${what} must be a whole number ${min}..${max}, got "${text}"`);
  }
  return value;
}
