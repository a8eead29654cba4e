// Simple RGB props on an Arduino running StandardFirmata, through johnny-five and firmata-io on a
// serialport 13 port. Firmata carries no timestamps, so each colour is written `latency` before its show
// time and latches on arrival: good for simple props, not for frame-accurate ones.
import firmataIo from 'firmata-io';
import five from 'johnny-five';
import { SerialPort } from 'serialport';
import type { Seconds } from '../../show/time.js';
import { LinkBase } from '../link-base.js';
import { type PortLocator } from '../port-locator.js';
import { LinkUnsupportedError, type StampedFrame } from '../prop-link.js';
import type { Session, SessionSupervisor } from '../session-supervisor.js';
import type { ShowClock } from '../show-clock.js';

export interface FirmataRgbProp {
  readonly propId: string;
  /** PWM pins of the three channels. */
  readonly pins: { readonly red: number; readonly green: number; readonly blue: number };
  /** Common-anode LEDs light on low: johnny-five inverts the duty cycle. */
  readonly commonAnode?: boolean;
}

export interface FirmataLinkOptions {
  readonly id: string;
  readonly port: PortLocator;
  readonly props: readonly FirmataRgbProp[];
  readonly clock: ShowClock;
  /** USB + board delay to compensate. Default 5 ms. */
  readonly latency?: Seconds;
  readonly baudRate?: number;
  /** How long Firmata waits before asking for the version itself (a real board announces it on reset). */
  readonly reportVersionTimeoutMs?: number;
  /** Give up a handshake after this long. */
  readonly handshakeTimeoutMs?: number;
  readonly retryDelayMs?: number;
  /** Ask the board for its version this often; no answer within the same time means it is gone. */
  readonly heartbeatMs?: number;
}

const DEFAULTS = {
  latency: 0.005,
  baudRate: 57_600,
  reportVersionTimeoutMs: 2000,
  handshakeTimeoutMs: 8000,
  retryDelayMs: 500,
  heartbeatMs: 1000,
};
const LATE_TOLERANCE: Seconds = 0.04;

type RgbLed = InstanceType<typeof five.Led.RGB>;

interface FirmataSession extends Session {
  readonly leds: ReadonlyMap<string, RgbLed>;
  readonly firmata: InstanceType<typeof firmataIo.Firmata>;
  /** Resolves once every byte written so far has left for the board. */
  drain(): Promise<void>;
}

export class FirmataLink extends LinkBase {
  readonly kind = 'firmata' as const;
  private readonly supervisor: SessionSupervisor<FirmataSession>;
  private readonly settings: typeof DEFAULTS;

  constructor(private readonly options: FirmataLinkOptions) {
    const settings = { ...DEFAULTS, ...definedOnly(options) };
    super({
      id: options.id,
      props: options.props.map((prop) => ({ propId: prop.propId, pixelCount: 1 })),
      clock: options.clock,
      lookahead: settings.latency,
      supersede: true,
      lateTolerance: LATE_TOLERANCE,
    });
    this.settings = settings;
    this.supervisor = this.supervise(settings.retryDelayMs, (lost) => this.openSession(lost));
  }

  connect(): Promise<void> {
    if (this.status() === 'closed') return Promise.reject(new Error(`link ${this.id} is closed`));
    const connected = this.whenConnected();
    this.supervisor.start();
    return connected;
  }

  uploadProgram(_propId: string, _program: Uint8Array, _name: string): Promise<void> {
    return Promise.reject(new LinkUnsupportedError(`link ${this.id}: Firmata boards cannot store a program`));
  }

  async blackout(): Promise<void> {
    this.discardQueued();
    const session = this.supervisor.current;
    if (session === null) return;
    for (const led of session.leds.values()) led.color({ red: 0, green: 0, blue: 0 });
    // The port may be closed right after (shutdown): the black must be on the wire first.
    await session.drain();
  }

  async close(): Promise<void> {
    this.pump.stop();
    this.discardQueued();
    this.setStatus('closed');
    await this.supervisor.destroy();
  }

  protected transmit(frames: readonly StampedFrame[]): void {
    const session = this.supervisor.current;
    if (session === null) return;
    for (const frame of frames) {
      const led = session.leds.get(frame.propId);
      if (led === undefined) continue;
      led.color({ red: frame.pixels[0] ?? 0, green: frame.pixels[1] ?? 0, blue: frame.pixels[2] ?? 0 });
      this.counters.framesSent += 1;
    }
  }

  private async openSession(lost: (reason: string) => void): Promise<FirmataSession> {
    const path = await this.options.port();
    if (path === null) throw new Error(`link ${this.id}: board not plugged in`);
    const port = new SerialPort({ path, baudRate: this.settings.baudRate, autoOpen: false });
    const firmata = new firmataIo.Firmata(port, {
      reportVersionTimeout: this.settings.reportVersionTimeoutMs,
    });
    const board = new five.Board({
      io: firmata,
      id: this.id,
      repl: false,
      debug: false,
      sigint: false,
      timeout: this.settings.handshakeTimeoutMs,
    });
    let heartbeat: NodeJS.Timeout | null = null;
    const closePort = async (): Promise<void> => {
      if (heartbeat !== null) clearInterval(heartbeat);
      heartbeat = null;
      // johnny-five keeps every board it ever made; forget this one so replugs do not pile them up.
      const cached = five.Board.cache.indexOf(board);
      if (cached >= 0) five.Board.cache.splice(cached, 1);
      if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    };
    // Errors after the handshake arrive as a closed port; before it they fail the attempt below.
    board.on('error', () => undefined);
    firmata.on('error', () => undefined);
    port.on('error', () => undefined);
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no Firmata handshake on ${path}`)),
          this.settings.handshakeTimeoutMs,
        );
        const fail = (error: Error): void => {
          clearTimeout(timer);
          reject(new Error(`Firmata on ${path}: ${error.message}`));
        };
        port.once('close', () => fail(new Error('port closed during handshake')));
        board.once('error', fail);
        board.once('ready', () => {
          clearTimeout(timer);
          resolve();
        });
        port.open((error) => {
          if (error) fail(error);
          else port.flush(() => undefined);
        });
      });
    } catch (error) {
      await closePort();
      throw error;
    }
    port.removeAllListeners('close');
    port.on('close', () => lost(`port ${path} closed`));
    const leds = new Map<string, RgbLed>();
    for (const prop of this.options.props) {
      leds.set(
        prop.propId,
        new five.Led.RGB({ pins: { ...prop.pins }, board, isAnode: prop.commonAnode ?? false }),
      );
    }
    heartbeat = this.startHeartbeat(firmata, () => lost(`board on ${path} stopped answering`));
    const drain = (): Promise<void> =>
      new Promise((resolve) => {
        if (port.isOpen) port.drain(() => resolve());
        else resolve();
      });
    return { leds, firmata, drain, close: closePort };
  }

  private startHeartbeat(
    firmata: InstanceType<typeof firmataIo.Firmata>,
    silent: () => void,
  ): NodeJS.Timeout {
    let answered = true;
    return setInterval(() => {
      if (!answered) {
        silent();
        return;
      }
      answered = false;
      firmata.reportVersion(() => {
        answered = true;
      });
    }, this.settings.heartbeatMs);
  }
}

function definedOnly(options: FirmataLinkOptions): Partial<typeof DEFAULTS> {
  const picked: Partial<typeof DEFAULTS> = {};
  for (const key of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) {
    const value = options[key];
    if (typeof value === 'number') picked[key] = value;
  }
  return picked;
}
