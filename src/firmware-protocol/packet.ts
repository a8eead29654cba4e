// A packet on the wire: COBS(header ‖ payload ‖ CRC-16) followed by 0x00.
//   header: version u8, type u8, seq u16, prop u8, payload length u16 (all little-endian)
//   CRC-16/CCITT-FALSE over header ‖ payload, little-endian.

import { cobsEncode } from './cobs.js';
import {
  CRC_BYTES,
  FRAME_DELIMITER,
  HEADER_BYTES,
  MAX_PAYLOAD_BYTES,
  PROTOCOL_VERSION,
} from './constants.js';
import { crc16 } from './crc16.js';
import type { ProtocolFault } from './errors.js';
import { ProtocolEncodeError } from './errors.js';
import type { Message } from './message.js';
import { decodePayload, encodePayload, messageTypeCode } from './message.js';

export interface Packet<M extends Message = Message> {
  /** Wrapping u16 sequence number chosen by the sender. */
  readonly seq: number;
  /** Destination prop (host → prop; 0xFF for all) or source prop (prop → host). */
  readonly prop: number;
  readonly message: M;
}

/** The header fields, when they could be read, so a refusal can name the packet it refuses. */
export interface PacketHeader {
  readonly version: number;
  readonly typeCode: number;
  readonly seq: number;
  readonly prop: number;
  readonly payloadLength: number;
}

export type PacketDecodeResult =
  | { readonly ok: true; readonly value: Packet }
  | { readonly ok: false; readonly fault: ProtocolFault; readonly header: PacketHeader | null };

/** Header ‖ payload ‖ CRC, before COBS. */
export function encodeBody(packet: Packet): Uint8Array {
  const payload = encodePayload(packet.message);
  if (payload.length > MAX_PAYLOAD_BYTES) {
    throw new ProtocolEncodeError(
      `payload of ${payload.length} bytes exceeds the protocol maximum ${MAX_PAYLOAD_BYTES}`,
    );
  }
  checkByte(packet.prop, 'prop');
  if (!Number.isInteger(packet.seq) || packet.seq < 0 || packet.seq > 0xffff) {
    throw new ProtocolEncodeError(`seq must be an integer in 0..65535, got ${packet.seq}`);
  }
  const body = new Uint8Array(HEADER_BYTES + payload.length + CRC_BYTES);
  body[0] = PROTOCOL_VERSION;
  body[1] = messageTypeCode(packet.message);
  body[2] = packet.seq & 0xff;
  body[3] = packet.seq >> 8;
  body[4] = packet.prop;
  body[5] = payload.length & 0xff;
  body[6] = payload.length >> 8;
  body.set(payload, HEADER_BYTES);
  const crc = crc16(body, 0, HEADER_BYTES + payload.length);
  body[HEADER_BYTES + payload.length] = crc & 0xff;
  body[HEADER_BYTES + payload.length + 1] = crc >> 8;
  return body;
}

/** The bytes to write to the link: COBS-encoded body and the 0x00 delimiter. */
export function encodePacket(packet: Packet): Uint8Array {
  const encoded = cobsEncode(encodeBody(packet));
  const wire = new Uint8Array(encoded.length + 1);
  wire.set(encoded);
  wire[encoded.length] = FRAME_DELIMITER;
  return wire;
}

/** Parses a COBS-decoded body. Never throws: a bad body yields a fault naming what is wrong. */
export function decodeBody(body: Uint8Array): PacketDecodeResult {
  if (body.length < HEADER_BYTES + CRC_BYTES) {
    return refuse(
      'badLength',
      `packet of ${body.length} bytes is shorter than header and CRC (${HEADER_BYTES + CRC_BYTES})`,
      null,
    );
  }
  const end = body.length - CRC_BYTES;
  const sentCrc = (body[end] as number) | ((body[end + 1] as number) << 8);
  const crc = crc16(body, 0, end);
  if (crc !== sentCrc) {
    return refuse('badCrc', `CRC mismatch: packet says 0x${hex4(sentCrc)}, bytes give 0x${hex4(crc)}`, null);
  }
  const header: PacketHeader = {
    version: body[0] as number,
    typeCode: body[1] as number,
    seq: (body[2] as number) | ((body[3] as number) << 8),
    prop: body[4] as number,
    payloadLength: (body[5] as number) | ((body[6] as number) << 8),
  };
  if (header.version !== PROTOCOL_VERSION) {
    return refuse(
      'unsupportedVersion',
      `protocol version ${header.version} is not ${PROTOCOL_VERSION}`,
      header,
    );
  }
  const actualPayload = end - HEADER_BYTES;
  if (header.payloadLength !== actualPayload) {
    return refuse(
      'badLength',
      `header says ${header.payloadLength} payload bytes, packet carries ${actualPayload}`,
      header,
    );
  }
  if (actualPayload > MAX_PAYLOAD_BYTES) {
    return refuse('tooLarge', `payload of ${actualPayload} bytes exceeds ${MAX_PAYLOAD_BYTES}`, header);
  }
  const decoded = decodePayload(header.typeCode, body.subarray(HEADER_BYTES, end));
  if (!decoded.ok) return { ok: false, fault: decoded.fault, header };
  return { ok: true, value: { seq: header.seq, prop: header.prop, message: decoded.value } };
}

function refuse(
  code: ProtocolFault['code'],
  message: string,
  header: PacketHeader | null,
): PacketDecodeResult {
  return { ok: false, fault: { code, message }, header };
}

function checkByte(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) {
    throw new ProtocolEncodeError(`${field} must be an integer in 0..255, got ${value}`);
  }
}

function hex4(value: number): string {
  return value.toString(16).padStart(4, '0');
}
