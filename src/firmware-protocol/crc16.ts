// CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor): the AVR computes it with
// avr-libc's _crc_xmodem_update step from the same init, so the firmware needs no table.

const table = new Uint16Array(256);
for (let byte = 0; byte < 256; byte += 1) {
  let crc = byte << 8;
  for (let bit = 0; bit < 8; bit += 1)
    crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  table[byte] = crc;
}

export const CRC16_INIT = 0xffff;

export function crc16Update(crc: number, data: Uint8Array, start = 0, end = data.length): number {
  let value = crc;
  for (let index = start; index < end; index += 1) {
    value = ((value << 8) & 0xffff) ^ (table[((value >> 8) ^ (data[index] as number)) & 0xff] as number);
  }
  return value;
}

export function crc16(data: Uint8Array, start = 0, end = data.length): number {
  return crc16Update(CRC16_INIT, data, start, end);
}
