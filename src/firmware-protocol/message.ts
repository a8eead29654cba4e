// Every message of the protocol, and the one place that maps a message to its type code and payload
// codec. Adding a message type fails to compile until each switch here handles it.

import { MessageType } from './constants.js';
import type { DecodeResult } from './errors.js';
import { fault } from './errors.js';
import type { AckMessage } from './messages/ack.js';
import { decodeAck, encodeAck } from './messages/ack.js';
import type { BlackoutMessage } from './messages/blackout.js';
import { decodeBlackout, encodeBlackout } from './messages/blackout.js';
import type { CapsMessage } from './messages/caps.js';
import { decodeCaps, encodeCaps } from './messages/caps.js';
import type { ConfigMessage } from './messages/config.js';
import { decodeConfig, encodeConfig } from './messages/config.js';
import type { ErrorMessage } from './messages/error.js';
import { decodeError, encodeError } from './messages/error.js';
import type { FrameMessage } from './messages/frame.js';
import { decodeFrame, encodeFrame } from './messages/frame.js';
import type { HelloMessage } from './messages/hello.js';
import { decodeHello, encodeHello } from './messages/hello.js';
import type { PingMessage } from './messages/ping.js';
import { decodePing, encodePing } from './messages/ping.js';
import type { PongMessage } from './messages/pong.js';
import { decodePong, encodePong } from './messages/pong.js';
import type { ProgramMessage } from './messages/program.js';
import { decodeProgram, encodeProgram } from './messages/program.js';
import type { StatusMessage } from './messages/status.js';
import { decodeStatus, encodeStatus } from './messages/status.js';

export type Message =
  | HelloMessage
  | CapsMessage
  | PingMessage
  | PongMessage
  | FrameMessage
  | StatusMessage
  | ConfigMessage
  | BlackoutMessage
  | ProgramMessage
  | AckMessage
  | ErrorMessage;

/** Messages the host sends to a prop, and those a prop sends to the host. */
export type HostMessage =
  HelloMessage | PingMessage | FrameMessage | ConfigMessage | BlackoutMessage | ProgramMessage;
export type PropMessage = CapsMessage | PongMessage | StatusMessage | AckMessage | ErrorMessage;

export function messageTypeCode(message: Message): number {
  return MessageType[message.type];
}

export function encodePayload(message: Message): Uint8Array {
  switch (message.type) {
    case 'hello':
      return encodeHello(message);
    case 'caps':
      return encodeCaps(message);
    case 'ping':
      return encodePing(message);
    case 'pong':
      return encodePong(message);
    case 'frame':
      return encodeFrame(message);
    case 'status':
      return encodeStatus(message);
    case 'config':
      return encodeConfig(message);
    case 'blackout':
      return encodeBlackout(message);
    case 'program':
      return encodeProgram(message);
    case 'ack':
      return encodeAck(message);
    case 'error':
      return encodeError(message);
    default:
      return message satisfies never;
  }
}

export function decodePayload(typeCode: number, payload: Uint8Array): DecodeResult<Message> {
  switch (typeCode) {
    case MessageType.hello:
      return decodeHello(payload);
    case MessageType.caps:
      return decodeCaps(payload);
    case MessageType.ping:
      return decodePing(payload);
    case MessageType.pong:
      return decodePong(payload);
    case MessageType.frame:
      return decodeFrame(payload);
    case MessageType.status:
      return decodeStatus(payload);
    case MessageType.config:
      return decodeConfig(payload);
    case MessageType.blackout:
      return decodeBlackout(payload);
    case MessageType.program:
      return decodeProgram(payload);
    case MessageType.ack:
      return decodeAck(payload);
    case MessageType.error:
      return decodeError(payload);
    default:
      return fault('unknownType', `message type 0x${typeCode.toString(16).padStart(2, '0')} is unknown`);
  }
}
