// Device clocks and sequence numbers wrap; order is decided by the signed difference, which is correct
// as long as the two values are less than half a wrap apart (35 min of 32-bit ticks at 1 MHz, 4.7 h at
// 250 kHz).

/** a − b for 32-bit wrapping counters, as a signed number in −2^31..2^31−1. */
export function diffU32(a: number, b: number): number {
  return ((a - b) | 0) as number;
}

/** a + delta wrapped to an unsigned 32-bit value. */
export function addU32(a: number, delta: number): number {
  return (a + delta) >>> 0;
}

export function isBeforeU32(a: number, b: number): boolean {
  return diffU32(a, b) < 0;
}

/** a − b for 16-bit wrapping sequence numbers, as a signed number in −32768..32767. */
export function diffU16(a: number, b: number): number {
  return (((a - b) << 16) >> 16) as number;
}

export function nextSeq(seq: number): number {
  return (seq + 1) & 0xffff;
}
