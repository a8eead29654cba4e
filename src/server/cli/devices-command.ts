// `smlive devices [--listen SECONDS] [--address IP] [--json]`: what a show could drive from here: serial
// ports (with their stable by-id names and USB ids, to put in a prop's link address) and the LTX balls
// heard broadcasting their status on UDP 41412 while it listens.
import { LtxDiscovery, listSerialCandidates } from '../../devices/index.js';
import { CliInputError, type CliCommand } from './cli-command.js';
import { parseCliArgs } from './cli-files.js';

const USAGE = 'smlive devices [--listen SECONDS] [--address IP] [--json]';
const DEFAULT_LISTEN_SECONDS = 3;

function listenSeconds(text: string | boolean | undefined): number {
  if (text === undefined || typeof text === 'boolean') return DEFAULT_LISTEN_SECONDS;
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || value > 60) {
    throw new CliInputError(`--listen must be a number of seconds 0..60, got "${text}"`);
  }
  return value;
}

export const devicesCommand: CliCommand = {
  name: 'devices',
  summary: 'list serial ports and the LTX balls heard on the network',
  usage: USAGE,
  async run(args) {
    const { values, positionals } = parseCliArgs(
      args,
      { listen: { type: 'string' }, address: { type: 'string' }, json: { type: 'boolean' } },
      USAGE,
    );
    if (positionals.length > 0) throw new CliInputError(`unexpected "${positionals[0]}" (usage: ${USAGE})`);
    const seconds = listenSeconds(values.listen);
    const address = typeof values.address === 'string' ? values.address : undefined;
    const serial = await listSerialCandidates();
    const discovery = new LtxDiscovery({ address });
    try {
      await discovery.start();
    } catch (error) {
      throw new CliInputError(
        `cannot listen for LTX balls: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const balls = discovery.balls();
    await discovery.stop();

    if (values.json === true) {
      console.log(
        JSON.stringify({
          serial,
          ltx: balls.map(({ address: ip, datagrams }) => ({ address: ip, datagrams })),
        }),
      );
      return 0;
    }
    console.log(`serial ports: ${serial.length === 0 ? 'none' : ''}`);
    for (const port of serial) {
      const usb = port.vendorId !== null ? ` usb:${port.vendorId}:${port.productId ?? '?'}` : '';
      const serialNumber = port.serialNumber !== null ? `:${port.serialNumber}` : '';
      console.log(`  ${port.byId ?? port.path}${usb}${usb === '' ? '' : serialNumber}`);
    }
    console.log(`LTX balls heard in ${seconds} s: ${balls.length === 0 ? 'none' : ''}`);
    for (const ball of balls) console.log(`  ${ball.address} (${ball.datagrams} status datagrams)`);
    return 0;
  },
};
