// Wire constants of the prop protocol (see PROTOCOL.md beside this file). The firmware mirrors them in
// hardware/core/protocol.h; the golden vectors pin both to the same bytes.

export const PROTOCOL_VERSION = 1;

/** Bytes of the header: version, type, sequence (u16), prop, payload length (u16). */
export const HEADER_BYTES = 7;
export const CRC_BYTES = 2;
/** Largest payload the protocol allows; a device may advertise a smaller one in CAPS. */
export const MAX_PAYLOAD_BYTES = 1024;
/** Largest body (header + payload + CRC) a decoder must hold. */
export const MAX_BODY_BYTES = HEADER_BYTES + MAX_PAYLOAD_BYTES + CRC_BYTES;
/** COBS adds at most one byte per 254 plus one. */
export const MAX_ENCODED_BYTES = MAX_BODY_BYTES + Math.ceil(MAX_BODY_BYTES / 254) + 1;

/** Destination prop that every prop on the link accepts. */
export const BROADCAST_PROP = 0xff;

export const FRAME_DELIMITER = 0x00;

export const MessageType = {
  hello: 0x01,
  caps: 0x02,
  ping: 0x03,
  pong: 0x04,
  frame: 0x05,
  status: 0x06,
  config: 0x07,
  blackout: 0x08,
  program: 0x09,
  ack: 0x0a,
  error: 0x0b,
} as const;

export type MessageTypeName = keyof typeof MessageType;

const namesByCode = new Map<number, MessageTypeName>(
  Object.entries(MessageType).map(([name, code]) => [code, name as MessageTypeName]),
);

export function messageTypeName(code: number): MessageTypeName | undefined {
  return namesByCode.get(code);
}
