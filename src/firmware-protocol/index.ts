// Public API of the prop wire protocol (PROTOCOL.md beside this file documents it). src/devices and the
// tests import from here only.

export {
  PROTOCOL_VERSION,
  HEADER_BYTES,
  CRC_BYTES,
  MAX_PAYLOAD_BYTES,
  MAX_BODY_BYTES,
  MAX_ENCODED_BYTES,
  BROADCAST_PROP,
  FRAME_DELIMITER,
  MessageType,
  messageTypeName,
} from './constants.js';
export type { MessageTypeName } from './constants.js';
export { ProtocolErrorCode, ProtocolEncodeError, protocolErrorName } from './errors.js';
export type { DecodeResult, ProtocolErrorName, ProtocolFault } from './errors.js';
export { crc16, crc16Update, CRC16_INIT } from './crc16.js';
export { cobsEncode, cobsDecode, CobsStreamDecoder } from './cobs.js';
export type { CobsBlock } from './cobs.js';
export { encodePacket, encodeBody, decodeBody } from './packet.js';
export type { Packet, PacketHeader, PacketDecodeResult } from './packet.js';
export { PacketStreamDecoder } from './packet-stream.js';
export { encodePayload, decodePayload, messageTypeCode } from './message.js';
export type { Message, HostMessage, PropMessage } from './message.js';
export type { HelloMessage } from './messages/hello.js';
export { OutputKind } from './messages/caps.js';
export type { CapsMessage } from './messages/caps.js';
export type { PingMessage } from './messages/ping.js';
export type { PongMessage } from './messages/pong.js';
export type { FrameMessage } from './messages/frame.js';
export { PlaybackMode } from './messages/status.js';
export type { StatusMessage, PlaybackModeName } from './messages/status.js';
export { COLOR_ORDERS, MIN_GAMMA_TENTHS, MAX_GAMMA_TENTHS } from './messages/config.js';
export type { ConfigMessage, WireColorOrder } from './messages/config.js';
export type { BlackoutMessage } from './messages/blackout.js';
export { ProgramOp } from './messages/program.js';
export type { ProgramMessage } from './messages/program.js';
export type { AckMessage } from './messages/ack.js';
export { UNKNOWN_SEQ } from './messages/error.js';
export type { ErrorMessage } from './messages/error.js';
export {
  encodeProgramImage,
  decodeProgramImage,
  programColorAt,
  programStepAt,
  PROGRAM_IMAGE_FORMAT,
} from './program-image.js';
export type { ProgramImage, ProgramStep } from './program-image.js';
export { ClockSyncEstimator } from './clock-sync.js';
export type { ClockSample, ClockEstimate, ClockSyncOptions } from './clock-sync.js';
export { diffU32, addU32, isBeforeU32, diffU16, nextSeq } from './wrapping.js';
