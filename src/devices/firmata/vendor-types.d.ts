// The parts of johnny-five and firmata-io this driver uses. Neither package ships types; these declare
// only what firmata-link.ts calls, so a change of shape upstream fails the type check here.
declare module 'firmata-io' {
  import type { EventEmitter } from 'node:events';

  interface FirmataOptions {
    reportVersionTimeout?: number;
    skipCapabilities?: boolean;
  }

  class Firmata extends EventEmitter {
    constructor(transport: object, options?: FirmataOptions);
    readonly isReady: boolean;
    reportVersion(callback: () => void): void;
  }

  function bindTransport(transport: unknown): typeof Firmata;
  namespace bindTransport {
    export { Firmata };
  }
  export default bindTransport;
}

declare module 'johnny-five' {
  import type { EventEmitter } from 'node:events';

  interface BoardOptions {
    io: object;
    id?: string;
    repl?: boolean;
    debug?: boolean;
    sigint?: boolean;
    timeout?: number;
  }

  class Board extends EventEmitter {
    constructor(options: BoardOptions);
    readonly isReady: boolean;
    /** Every board made in this process (johnny-five's own registry; the array itself). */
    static readonly cache: Board[];
  }

  interface RgbOptions {
    pins: { red: number; green: number; blue: number };
    board: Board;
    isAnode?: boolean;
  }

  interface RgbLed {
    color(color: { red: number; green: number; blue: number }): RgbLed;
  }

  const five: {
    Board: typeof Board;
    Led: { RGB: new (options: RgbOptions) => RgbLed };
  };
  export default five;
}
