// Byte layouts of the LTX ball network protocol, as written in shared/spec/prg-format.md ("Network control
// of real balls"). Byte-exact: the ball simulator in tests checks these against the spec's bytes.

export const LTX_UDP_PORT = 41412;
export const LTX_TCP_PORT = 8888;

const HEADER_BYTE = 0x42;
const OPCODE_COLOUR = 0x0a;
// The spec lists the brightness packet as `42 00×7 10 B` among hex bytes, so the opcode is 0x10.
const OPCODE_BRIGHTNESS = 0x10;

/** `42 00 00 00 00 00 00 00 0A R G B`: show this colour now. */
export function liveColourPacket(red: number, green: number, blue: number): Uint8Array {
  const packet = new Uint8Array(12);
  packet[0] = HEADER_BYTE;
  packet[8] = OPCODE_COLOUR;
  packet[9] = channel(red, 'red');
  packet[10] = channel(green, 'green');
  packet[11] = channel(blue, 'blue');
  return packet;
}

/** `42 00×7 10 B`: set the ball's brightness. */
export function brightnessPacket(brightness: number): Uint8Array {
  const packet = new Uint8Array(10);
  packet[0] = HEADER_BYTE;
  packet[8] = OPCODE_BRIGHTNESS;
  packet[9] = channel(brightness, 'brightness');
  return packet;
}

/** Whether a datagram is one of the commands above (sent to a ball), not something a ball sent. */
export function isBallCommand(bytes: Uint8Array): boolean {
  if (bytes[0] !== HEADER_BYTE || bytes.subarray(1, 8).some((byte) => byte !== 0)) return false;
  return (
    (bytes.length === 12 && bytes[8] === OPCODE_COLOUR) ||
    (bytes.length === 10 && bytes[8] === OPCODE_BRIGHTNESS)
  );
}

/** File names the balls store: printable ASCII without NUL, which ends the name on the wire. */
const FILE_NAME = /^[\x20-\x7e]{1,64}$/;

/**
 * What goes down TCP 8888 to store a program:
 * `00 00 00 00 | u32 LE file size | 4 random bytes | 20 00 00 | 00 | ASCII file name | 00 | the .prg bytes`.
 */
export function programUploadBytes(prg: Uint8Array, fileName: string, nonce: Uint8Array): Uint8Array {
  if (!FILE_NAME.test(fileName)) {
    throw new RangeError(
      `LTX file name must be 1 to 64 printable ASCII characters, got ${JSON.stringify(fileName)}`,
    );
  }
  if (nonce.length !== 4) throw new RangeError(`LTX upload nonce must be 4 bytes, got ${nonce.length}`);
  if (prg.length === 0) throw new RangeError('LTX program is empty');
  const header = 4 + 4 + 4 + 3 + 1;
  const bytes = new Uint8Array(header + fileName.length + 1 + prg.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(4, prg.length, true);
  bytes.set(nonce, 8);
  bytes[12] = 0x20;
  for (let index = 0; index < fileName.length; index += 1) bytes[header + index] = fileName.charCodeAt(index);
  bytes.set(prg, header + fileName.length + 1);
  return bytes;
}

function channel(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 255) {
    throw new RangeError(`LTX ${what} must be a whole number 0..255, got ${value}`);
  }
  return value;
}
