/* CRC-16/CCITT-FALSE. On AVR the update step is avr-libc's hand-written _crc_xmodem_update (same
 * polynomial, unreflected): at 1 Mbaud a bit-loop would cost half the CPU. */
#include "protocol.h"

#ifdef __AVR__
#include <util/crc16.h>
uint16_t pm_crc16_update(uint16_t crc, uint8_t byte) { return _crc_xmodem_update(crc, byte); }
#else
uint16_t pm_crc16_update(uint16_t crc, uint8_t byte) {
  crc ^= (uint16_t)byte << 8;
  for (uint8_t bit = 0; bit < 8; bit++) crc = (crc & 0x8000u) ? (uint16_t)((crc << 1) ^ 0x1021u) : (uint16_t)(crc << 1);
  return crc;
}
#endif

uint16_t pm_crc16(const uint8_t *data, uint16_t length) {
  uint16_t crc = PM_CRC_INIT;
  for (uint16_t i = 0; i < length; i++) crc = pm_crc16_update(crc, data[i]);
  return crc;
}
