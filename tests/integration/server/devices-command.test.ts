import { afterEach, describe, expect, it, vi } from 'vitest';
import { CliInputError } from '../../../src/server/cli/cli-command.js';
import { devicesCommand } from '../../../src/server/cli/devices-command.js';
import { LtxBallSimulator } from '../../support/ltx-ball-simulator.js';

const HOST = '127.0.0.40';
const BALL = '127.0.0.41';

describe('smlive devices', () => {
  const ball = new LtxBallSimulator({ address: BALL });
  afterEach(async () => {
    vi.restoreAllMocks();
    await ball.stop();
  });

  it('lists the LTX balls heard broadcasting while it listens', async () => {
    await ball.start();
    ball.broadcastStatus({ address: HOST, port: 41412 }, Uint8Array.of(0x42, 1), 20);
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => printed.push(line));
    expect(await devicesCommand.run(['--listen', '0.3', '--address', HOST, '--json'])).toBe(0);
    const report = JSON.parse(printed.join('\n')) as { serial: unknown[]; ltx: { address: string }[] };
    expect(report.ltx.map((found) => found.address)).toEqual([BALL]);
    expect(Array.isArray(report.serial)).toBe(true);
  });

  it('refuses bad options with the reason', async () => {
    await expect(devicesCommand.run(['--listen', 'soon'])).rejects.toThrow(CliInputError);
    await expect(devicesCommand.run(['--listen', '99'])).rejects.toThrow(/0\.\.60/);
    await expect(devicesCommand.run(['extra'])).rejects.toThrow(/unexpected "extra"/);
  });
});
