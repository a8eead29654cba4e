// `smlive serve`: runs the daemon until SIGINT/SIGTERM.
import { isIPv4 } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { banner } from '../banner.js';
import { startDaemon } from '../daemon.js';
import type { ShowSource } from '../show-source.js';
import { CliInputError, type CliCommand } from './cli-command.js';

const USAGE =
  'serve [--show FILE|ID] [--demo] [--port P] [--https-port P] [--token T] [--data DIR] [--audio auto|device|none] [--render-ahead MS] [--durability power-loss|process-crash] [--live-input alsa[:DEVICE]|FILE] [--capture-latency MS] [--ltx-listen IP] [--no-qr]';

export function defaultDataDir(): string {
  const base = process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
  return process.env.SMLIVE_DATA ?? join(base, 'smlive');
}

function port(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    throw new CliInputError(`${flag} must be a port number 0–65535 (0: any free port), not "${value}"`);
  }
  return parsed;
}

function showSource(show: string | undefined, demo: boolean): ShowSource {
  if (show !== undefined && demo) throw new CliInputError('give --show or --demo, not both');
  if (demo) return { kind: 'demo' };
  if (show === undefined) return { kind: 'latest' };
  // A path names a file; anything else is the id of a stored show.
  return /[/\\.]/.test(show) ? { kind: 'file', path: show } : { kind: 'id', id: show };
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'run the show: audio, props and the touch controller',
  usage: USAGE,
  async run(args) {
    let values;
    try {
      ({ values } = parseArgs({
        args: [...args],
        options: {
          show: { type: 'string' },
          demo: { type: 'boolean', default: false },
          port: { type: 'string' },
          'https-port': { type: 'string' },
          token: { type: 'string' },
          data: { type: 'string' },
          audio: { type: 'string' },
          'render-ahead': { type: 'string' },
          durability: { type: 'string' },
          'live-input': { type: 'string' },
          'capture-latency': { type: 'string' },
          'ltx-listen': { type: 'string' },
          'no-qr': { type: 'boolean', default: false },
        },
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      throw new CliInputError(
        `${error instanceof Error ? error.message : String(error)}; usage: smlive ${USAGE}`,
      );
    }
    const token = values.token ?? process.env.SMLIVE_TOKEN ?? null;
    if (token !== null && token.length < 8) throw new CliInputError('--token must be at least 8 characters');
    const audio = values.audio ?? 'auto';
    if (audio !== 'auto' && audio !== 'device' && audio !== 'none') {
      throw new CliInputError(`--audio is auto, device or none, not "${audio}"`);
    }
    const durability = values.durability ?? 'power-loss';
    if (durability !== 'power-loss' && durability !== 'process-crash') {
      throw new CliInputError(`--durability is power-loss or process-crash, not "${durability}"`);
    }
    const httpPort = port(values.port, 8080, '--port');
    const renderAhead = values['render-ahead'] === undefined ? undefined : Number(values['render-ahead']);
    if (
      renderAhead !== undefined &&
      !(Number.isFinite(renderAhead) && renderAhead >= 0 && renderAhead <= 1000)
    ) {
      throw new CliInputError(`--render-ahead is milliseconds 0–1000, not "${values['render-ahead']}"`);
    }
    const captureLatency =
      values['capture-latency'] === undefined ? undefined : Number(values['capture-latency']);
    if (
      captureLatency !== undefined &&
      !(Number.isFinite(captureLatency) && captureLatency >= 0 && captureLatency <= 500)
    ) {
      throw new CliInputError(`--capture-latency is milliseconds 0–500, not "${values['capture-latency']}"`);
    }
    const ltxListen = values['ltx-listen'];
    if (ltxListen !== undefined && !isIPv4(ltxListen)) {
      throw new CliInputError(`--ltx-listen is an IPv4 address of this machine, not "${ltxListen}"`);
    }
    const liveInput = values['live-input'];
    if (liveInput !== undefined && liveInput.trim() === '') {
      throw new CliInputError('--live-input is alsa, alsa:DEVICE or the path of a recording');
    }
    const daemon = await startDaemon({
      dataDir: resolve(values.data ?? defaultDataDir()),
      show: showSource(values.show, values.demo),
      port: httpPort,
      ...(values['https-port'] === undefined
        ? {}
        : { httpsPort: port(values['https-port'], 0, '--https-port') }),
      token,
      audioOutput: audio,
      durability,
      ...(renderAhead === undefined ? {} : { renderAheadMs: renderAhead }),
      // Where LTX balls' status broadcasts are heard: every interface unless narrowed.
      ...(ltxListen === undefined ? {} : { discovery: { ltxAddress: ltxListen } }),
      ...(liveInput === undefined ? {} : { liveInput }),
      ...(captureLatency === undefined ? {} : { captureLatencyMs: captureLatency }),
    });
    console.log(await banner(daemon, { qr: !values['no-qr'] }));
    await new Promise<void>((resolveStop) => {
      let signals = 0;
      const onSignal = (signal: NodeJS.Signals) => {
        signals += 1;
        if (signals > 1) {
          console.error(`smlive: ${signal} again: exiting now`);
          process.exit(130);
        }
        console.log(`smlive: ${signal}: blacking out props and stopping…`);
        void daemon.stop().then(resolveStop, (error: unknown) => {
          console.error(`smlive: stop failed: ${String(error)}`);
          resolveStop();
        });
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    });
    console.log('smlive: stopped');
    return 0;
  },
};
