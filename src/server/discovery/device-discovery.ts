// While the daemon runs, keeps the list of devices a show could drive from here: LTX balls heard
// broadcasting their status on UDP 41412, and serial ports, listed again every few seconds. Each says which
// props already use it. Looking never blocks or stops the show: a port list that fails or hangs is
// reported and tried again on the next round, and a UDP port that cannot be bound leaves the serial side.
import { EventEmitter } from 'node:events';
import { basename } from 'node:path';
import {
  LtxDiscovery,
  SERIAL_BY_ID_DIR,
  listSerialCandidates,
  type SerialCandidate,
} from '../../devices/index.js';
import type { FoundDevice, FoundDevices } from '../../contracts/index.js';
import type { ShowSession } from '../show-session.js';
import { propsOnBall, propsOnPort } from './device-usage.js';

export interface DeviceDiscoveryOptions {
  /** Address to hear LTX status broadcasts on: every interface by default (tests use loopback). */
  readonly ltxAddress?: string;
  readonly ltxPort?: number;
  /** How often the serial ports are listed again and silent balls dropped (default 3 s). */
  readonly rescanMs?: number;
  /** Where udev's stable serial names are (default /dev/serial/by-id). */
  readonly serialByIdDir?: string;
}

export interface DeviceDiscoveryEvents {
  changed: [found: FoundDevices];
}

const DEFAULT_RESCAN_MS = 3000;
// A ball that has not been heard for this long has been switched off or left the network.
const BALL_SILENT_MS = 20_000;
// The OS port list runs udevadm; one that has not answered by now is abandoned for this round.
const SERIAL_LIST_TIMEOUT_MS = 5000;

export class DeviceDiscovery extends EventEmitter<DeviceDiscoveryEvents> {
  private readonly ltx: LtxDiscovery;
  private ports: SerialCandidate[] = [];
  private ltxProblem: string | null = null;
  private serialProblem: string | null = null;
  private found: FoundDevices = { devices: [], problems: [] };
  private sent = JSON.stringify(this.found);
  private timer: NodeJS.Timeout | null = null;
  private listing = false;
  private stopped = false;
  private unfollowShow: () => void = () => {};

  constructor(
    private readonly session: ShowSession,
    private readonly options: DeviceDiscoveryOptions = {},
  ) {
    super();
    this.ltx = new LtxDiscovery({
      ...(options.ltxAddress === undefined ? {} : { address: options.ltxAddress }),
      ...(options.ltxPort === undefined ? {} : { port: options.ltxPort }),
    });
  }

  /** What has been found, as controllers see it. */
  current(): FoundDevices {
    return this.found;
  }

  async start(): Promise<void> {
    this.unfollowShow = this.session.onShowChange(this.refresh);
    this.ltx.on('ball', this.refresh);
    try {
      await this.ltx.start();
    } catch (error) {
      this.ltxProblem = `cannot listen for LTX balls on UDP ${this.options.ltxPort ?? 41412}: ${describe(error)}`;
    }
    this.timer = setInterval(() => void this.rescan(), this.options.rescanMs ?? DEFAULT_RESCAN_MS);
    this.timer.unref();
    // Not awaited: a slow port list must not hold up the show's start; controllers hear when it is in.
    void this.rescan();
  }

  /** Lists the serial ports again now (also done every few seconds). */
  async rescan(): Promise<void> {
    if (this.listing || this.stopped) {
      this.refresh();
      return;
    }
    this.listing = true;
    try {
      this.ports = await withTimeout(
        listSerialCandidates(this.options.serialByIdDir ?? SERIAL_BY_ID_DIR),
        SERIAL_LIST_TIMEOUT_MS,
      );
      this.serialProblem = null;
    } catch (error) {
      this.serialProblem = `cannot list serial ports: ${describe(error)}`;
    } finally {
      this.listing = false;
    }
    this.refresh();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.unfollowShow();
    this.ltx.off('ball', this.refresh);
    await this.ltx.stop();
  }

  private readonly refresh = (): void => {
    if (this.stopped) return;
    const props = this.session.show.props;
    const balls: FoundDevice[] = this.ltx.balls(BALL_SILENT_MS).map((ball) => ({
      id: `ltx:${ball.address}`,
      kind: 'ltx',
      address: ball.address,
      label: `Ball .${ball.address.split('.').at(-1) ?? ball.address}`,
      // The status broadcast's layout is undocumented, and live colour shows one colour per ball.
      pixelCount: null,
      usedBy: propsOnBall(props, ball.address),
    }));
    const ports: FoundDevice[] = this.ports.filter(worthListing).map((port) => ({
      id: `serial:${port.path}`,
      kind: 'serial',
      address: port.byId ?? port.path,
      label: portLabel(port),
      pixelCount: null,
      usedBy: propsOnPort(props, port),
    }));
    const found: FoundDevices = {
      devices: [...balls, ...ports].sort((a, b) => a.id.localeCompare(b.id)),
      problems: [this.ltxProblem, this.serialProblem].filter((problem) => problem !== null),
    };
    const text = JSON.stringify(found);
    if (text === this.sent) return;
    this.sent = text;
    this.found = found;
    this.emit('changed', found);
  };
}

/** A USB adapter or a port udev named: not the dozens of built-in UARTs a PC lists with no device behind. */
function worthListing(port: SerialCandidate): boolean {
  return port.vendorId !== null || port.byId !== null || /tty(USB|ACM)\d+$/.test(port.path);
}

function portLabel(port: SerialCandidate): string {
  if (port.vendorId !== null) {
    const serialNumber = port.serialNumber === null ? '' : ` (${port.serialNumber})`;
    return `USB ${port.vendorId}:${port.productId ?? '?'}${serialNumber}`;
  }
  return basename(port.byId ?? port.path);
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
