// A Firmata board in JavaScript on the device end of a pty: answers the handshake johnny-five performs
// (version, firmware, capabilities, analog mapping) as an Arduino Uno with StandardFirmata would, and
// records every pin mode and PWM write with its arrival time.
import { SerialPort } from 'serialport';

const START_SYSEX = 0xf0;
const END_SYSEX = 0xf7;
const REPORT_VERSION = 0xf9;
const QUERY_FIRMWARE = 0x79;
const CAPABILITY_QUERY = 0x6b;
const CAPABILITY_RESPONSE = 0x6c;
const ANALOG_MAPPING_QUERY = 0x69;
const ANALOG_MAPPING_RESPONSE = 0x6a;
const EXTENDED_ANALOG = 0x6f;
const SET_PIN_MODE = 0xf4;
const ANALOG_MESSAGE = 0xe0;
const MODE_INPUT = 0;
const MODE_OUTPUT = 1;
const MODE_ANALOG = 2;
const MODE_PWM = 3;

/** An Uno: 20 pins, PWM on 3, 5, 6, 9, 10, 11, analog inputs on 14..19. */
const PWM_PINS = new Set([3, 5, 6, 9, 10, 11]);
const PIN_COUNT = 20;
const FIRST_ANALOG_PIN = 14;

export interface PwmWrite {
  readonly pin: number;
  readonly value: number;
  readonly atMs: number;
}

export class FirmataResponder {
  readonly writes: PwmWrite[] = [];
  readonly modes = new Map<number, number>();
  /** When false the board stops answering (a hung board), to exercise the heartbeat. */
  answering = true;
  private port: SerialPort | null = null;
  private pending: number[] = [];

  constructor(private readonly path: string) {}

  async start(): Promise<void> {
    const port = new SerialPort({ path: this.path, baudRate: 57_600, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    port.on('data', (chunk: Buffer) => this.receive(chunk));
    port.on('error', () => undefined);
    this.port = port;
  }

  async stop(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  /** The latest PWM value written to a pin (undefined if never written). */
  pwm(pin: number): number | undefined {
    for (let index = this.writes.length - 1; index >= 0; index -= 1) {
      const write = this.writes[index] as PwmWrite;
      if (write.pin === pin) return write.value;
    }
    return undefined;
  }

  private receive(chunk: Buffer): void {
    for (const byte of chunk) {
      if (byte & 0x80 && byte !== END_SYSEX && this.pending[0] !== START_SYSEX) this.pending = [];
      this.pending.push(byte);
      this.tryHandle();
    }
  }

  private tryHandle(): void {
    const message = this.pending;
    const command = message[0];
    if (command === undefined) return;
    if (command === START_SYSEX) {
      if (message.at(-1) !== END_SYSEX) return;
      this.pending = [];
      this.handleSysex(message.slice(1, -1));
      return;
    }
    if (command === REPORT_VERSION) {
      this.pending = [];
      this.reply([REPORT_VERSION, 2, 5]);
      return;
    }
    const needed = (command & 0xf0) === 0xc0 || (command & 0xf0) === 0xd0 ? 2 : 3;
    if (message.length < needed) return;
    this.pending = [];
    if (command === SET_PIN_MODE) this.modes.set(message[1] as number, message[2] as number);
    if ((command & 0xf0) === ANALOG_MESSAGE) {
      this.record(command & 0x0f, (message[1] as number) | ((message[2] as number) << 7));
    }
  }

  private handleSysex(body: number[]): void {
    switch (body[0]) {
      case QUERY_FIRMWARE: {
        const name = [...Buffer.from('StandardFirmata.ino')].flatMap((char) => [char & 0x7f, char >> 7]);
        this.reply([START_SYSEX, QUERY_FIRMWARE, 2, 5, ...name, END_SYSEX]);
        break;
      }
      case CAPABILITY_QUERY: {
        const pins: number[] = [];
        for (let pin = 0; pin < PIN_COUNT; pin += 1) {
          pins.push(MODE_INPUT, 1, MODE_OUTPUT, 1);
          if (PWM_PINS.has(pin)) pins.push(MODE_PWM, 8);
          if (pin >= FIRST_ANALOG_PIN) pins.push(MODE_ANALOG, 10);
          pins.push(0x7f);
        }
        this.reply([START_SYSEX, CAPABILITY_RESPONSE, ...pins, END_SYSEX]);
        break;
      }
      case ANALOG_MAPPING_QUERY: {
        const mapping = Array.from({ length: PIN_COUNT }, (_, pin) =>
          pin >= FIRST_ANALOG_PIN ? pin - FIRST_ANALOG_PIN : 0x7f,
        );
        this.reply([START_SYSEX, ANALOG_MAPPING_RESPONSE, ...mapping, END_SYSEX]);
        break;
      }
      case EXTENDED_ANALOG: {
        const [, pin = 0, low = 0, high = 0] = body;
        this.record(pin, low | (high << 7));
        break;
      }
      default:
        break;
    }
  }

  private record(pin: number, value: number): void {
    this.writes.push({ pin, value, atMs: performance.now() });
  }

  private reply(bytes: number[]): void {
    if (this.answering) this.port?.write(Buffer.from(bytes));
  }
}
