// Why a packet was refused. The codes are shared with the firmware (hardware/core/protocol.h) and travel
// in ERROR messages, so both ends name a fault the same way.

export const ProtocolErrorCode = {
  badCrc: 1,
  unsupportedVersion: 2,
  unknownType: 3,
  badLength: 4,
  badValue: 5,
  queueFull: 6,
  programInvalid: 7,
  tooLarge: 8,
  badFraming: 9,
} as const;

export type ProtocolErrorName = keyof typeof ProtocolErrorCode;

/** A refusal with a machine-readable name and a sentence a person can act on. */
export interface ProtocolFault {
  readonly code: ProtocolErrorName;
  readonly message: string;
}

export type DecodeResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly fault: ProtocolFault };

export function fault<T>(code: ProtocolErrorName, message: string): DecodeResult<T> {
  return { ok: false, fault: { code, message } };
}

export function ok<T>(value: T): DecodeResult<T> {
  return { ok: true, value };
}

const namesByCode = new Map<number, ProtocolErrorName>(
  Object.entries(ProtocolErrorCode).map(([name, code]) => [code, name as ProtocolErrorName]),
);

export function protocolErrorName(code: number): ProtocolErrorName | undefined {
  return namesByCode.get(code);
}

/** Thrown by encoders when the caller passes a value the wire cannot carry (a programming error). */
export class ProtocolEncodeError extends Error {
  override readonly name = 'ProtocolEncodeError';
}
