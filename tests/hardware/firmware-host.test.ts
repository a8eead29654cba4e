// The firmware's protocol core (hardware/core), built for the host with AddressSanitizer and UBSan:
// the same golden vectors as the TypeScript codec, and 100,000+ random and mutated inputs.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFirmware, hardwareDir } from '../support/firmware-emulator.js';
import { goldenVectorsPath } from '../unit/firmware-protocol/golden-vectors.js';

const run = promisify(execFile);
// The vector tree is kept until exit on purpose; leaks are not what these runs look for.
const env = {
  ...process.env,
  ASAN_OPTIONS: 'detect_leaks=0:abort_on_error=1',
  UBSAN_OPTIONS: 'halt_on_error=1',
};

/** Runs a host test program; a failing exit shows its whole output. */
async function runHostTest(program: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(join(hardwareDir, 'build', program), args, {
      env,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; code?: number };
    throw new Error(`${program} exited ${failure.code}:\n${failure.stdout ?? ''}\n${failure.stderr ?? ''}`);
  }
}

describe('firmware protocol core, host build under ASan/UBSan', () => {
  beforeAll(async () => {
    await buildFirmware(['host-tests']);
  });

  it('decodes and re-encodes every golden vector byte for byte, and refuses the invalid ones', async () => {
    const output = await runHostTest('golden_test', [goldenVectorsPath]);
    const summary = /(\d+) passed, (\d+) failed/.exec(output);
    expect(summary?.[2], output).toBe('0');
    expect(Number(summary?.[1])).toBeGreaterThanOrEqual(45);
  });

  it('survives 200,000 random and mutated inputs without an out-of-bounds access', async () => {
    const output = await runHostTest('fuzz_test', [goldenVectorsPath, '200000', '0x5eed']);
    expect(output).toMatch(/^200000 inputs/m);
    expect(output).toMatch(/^1 passed, 0 failed/m);
  });
});
