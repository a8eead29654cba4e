// Shared length check for message payload decoders.

import type { DecodeResult } from '../errors.js';
import { fault } from '../errors.js';

export function wrongLength<T>(message: string, expected: string, actual: number): DecodeResult<T> {
  return fault('badLength', `${message} payload must be ${expected} bytes, got ${actual}`);
}
