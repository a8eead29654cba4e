// CONFIG (host → prop): output settings applied to every later frame. The prop answers ACK once the
// settings are in force (it rebuilds its gamma table first, so wait for the ACK before streaming).

import { ByteReader, ByteWriter } from '../bytes.js';
import type { DecodeResult } from '../errors.js';
import { fault, ok } from '../errors.js';
import { ProtocolEncodeError } from '../errors.js';
import { wrongLength } from './layout.js';

/** Channel order on the prop's data line; codes are the index in this list. */
export const COLOR_ORDERS = ['rgb', 'rbg', 'grb', 'gbr', 'brg', 'bgr'] as const;
export type WireColorOrder = (typeof COLOR_ORDERS)[number];

export const MIN_GAMMA_TENTHS = 10;
export const MAX_GAMMA_TENTHS = 30;

export interface ConfigMessage {
  readonly type: 'config';
  /** 0..255, applied after gamma. */
  readonly brightness: number;
  readonly colorOrder: WireColorOrder;
  /** Gamma exponent × 10: 10 is linear, 22 is the usual 2.2. */
  readonly gammaTenths: number;
}

const BYTES = 3;

export function encodeConfig(message: ConfigMessage): Uint8Array {
  if (message.gammaTenths < MIN_GAMMA_TENTHS || message.gammaTenths > MAX_GAMMA_TENTHS) {
    throw new ProtocolEncodeError(
      `config.gammaTenths must be ${MIN_GAMMA_TENTHS}..${MAX_GAMMA_TENTHS}, got ${message.gammaTenths}`,
    );
  }
  return new ByteWriter(BYTES)
    .u8(message.brightness, 'config.brightness')
    .u8(COLOR_ORDERS.indexOf(message.colorOrder), 'config.colorOrder')
    .u8(message.gammaTenths, 'config.gammaTenths')
    .finish();
}

export function decodeConfig(payload: Uint8Array): DecodeResult<ConfigMessage> {
  if (payload.length !== BYTES) return wrongLength('CONFIG', String(BYTES), payload.length);
  const reader = new ByteReader(payload);
  const brightness = reader.u8();
  const orderCode = reader.u8();
  const gammaTenths = reader.u8();
  const colorOrder = COLOR_ORDERS[orderCode];
  if (colorOrder === undefined) return fault('badValue', `CONFIG colour order ${orderCode} is not 0..5`);
  if (gammaTenths < MIN_GAMMA_TENTHS || gammaTenths > MAX_GAMMA_TENTHS) {
    return fault(
      'badValue',
      `CONFIG gamma ${gammaTenths / 10} is outside ${MIN_GAMMA_TENTHS / 10}..${MAX_GAMMA_TENTHS / 10}`,
    );
  }
  return ok({ type: 'config', brightness, colorOrder, gammaTenths });
}
