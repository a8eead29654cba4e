/* Reference prop firmware: the thin AVR layer around the portable protocol core (../core).
 *
 *  - UART at 1 Mbaud (exact at 16 MHz with U2X): bytes land in a ring from the RX interrupt, which also
 *    stamps every 0x00 delimiter with the device clock (for PONG).
 *  - Device clock: Timer1 at 250 kHz extended to 32 bits by its overflow interrupt.
 *  - Frames wait in a queue of QUEUE_DEPTH slots, already gamma-, brightness- and order-corrected. The
 *    head slot is latched by the Timer1 compare interrupt: it wakes WAKE_MARGIN_TICKS early, spins to
 *    the tick at which shifting must start so that the last bit leaves at showAt, shifts the WS2812 data
 *    (interrupts on between bytes so the UART keeps up), sets the PWM outputs, and notes the actual time.
 *  - Between events the CPU sleeps (idle mode): the emulator keeps wall-clock time only while it sleeps,
 *    and a real prop saves power.
 */
#include <avr/interrupt.h>
#include <avr/io.h>
#include <avr/sleep.h>
#include <avr/wdt.h>
#include <math.h>
#include <string.h>

#include "../core/protocol.h"
#include "config.h"

/* ---------------------------------------------------------------- device clock */
/* Timer1 starts before the C runtime clears RAM, a dozen cycles after reset, so device tick k begins at
 * CPU cycle ~12 + 64 k: the emulator's cycle stamps convert to ticks without calibration. */
void start_device_clock(void) __attribute__((naked, used, section(".init3")));
void start_device_clock(void) {
  TCCR1B = _BV(CS11) | _BV(CS10);
  MCUSR = 0; /* after a watchdog reset the watchdog stays on: turn it off before the RAM is cleared */
  wdt_disable();
}

static volatile uint16_t clock_high;

ISR(TIMER1_OVF_vect) { clock_high++; }

static uint32_t now_ticks(void) {
  uint8_t sreg = SREG;
  cli();
  uint16_t high = clock_high;
  uint16_t low = TCNT1;
  if ((TIFR1 & _BV(TOV1)) && low < 0x8000) high++; /* overflow pending, not yet counted */
  SREG = sreg;
  return ((uint32_t)high << 16) | low;
}

/* ---------------------------------------------------------------- UART */
static volatile uint8_t rx_ring[256];
static volatile uint8_t rx_head, rx_tail;
/* Timer1 (the low 16 bits of the device clock) at each received delimiter, with the delimiter's place in
 * rx_ring; the main loop restores the high bits (the stamp is never a wrap old). Only 16 bits, so the
 * receive interrupt stays small: at 1 Mbaud it runs every 176 cycles. A delimiter that finds this ring
 * full is still stored, unstamped: its packet is kept, only a PING in it goes unanswered. */
static volatile uint16_t rx_stamps[16];
static volatile uint8_t rx_stamp_at[16];
static volatile uint8_t stamp_head, stamp_tail;
static volatile uint8_t rx_lost; /* bytes were dropped since the last stored one */

/* Stores one received byte; a 0x00 delimiter gets the device clock for PONG. Used by the RX interrupt
 * and by the WS2812 loop, which polls the UART while interrupts are off. */
static inline __attribute__((always_inline)) void rx_store(uint8_t byte) {
  uint8_t next = (uint8_t)(rx_head + 1);
  if (rx_lost) {
    /* End the packet that lost bytes with a delimiter of our own, so it fails alone (CRC) and the next
     * packet starts clean instead of merging into it. */
    if (next == rx_tail || (uint8_t)(next + 1) == rx_tail) return;
    rx_ring[rx_head] = 0;
    rx_head = next;
    next = (uint8_t)(rx_head + 1);
    rx_lost = 0;
  }
  if (next == rx_tail) { /* ring full: the main loop is behind (a host asking faster than it answers) */
    rx_lost = 1;
    return;
  }
  if (byte == 0) {
    uint8_t next_stamp = (uint8_t)((stamp_head + 1) & 15);
    if (next_stamp != stamp_tail) {
      rx_stamps[stamp_head] = TCNT1;
      rx_stamp_at[stamp_head] = rx_head;
      stamp_head = next_stamp;
    }
  }
  rx_ring[rx_head] = byte;
  rx_head = next;
}

ISR(USART_RX_vect) { rx_store(UDR0); }

#define TX_RING 128 /* a power of two */
static uint8_t tx_ring[TX_RING];
static volatile uint8_t tx_head, tx_tail;

ISR(USART_UDRE_vect) {
  if (tx_head == tx_tail) {
    UCSR0B &= (uint8_t)~_BV(UDRIE0);
    return;
  }
  UDR0 = tx_ring[tx_tail];
  tx_tail = (uint8_t)((tx_tail + 1) & (TX_RING - 1));
}

/* Queues a whole packet for the UDRE interrupt, or drops it when the ring lacks room. Waiting instead
 * would stop the main loop from draining the receive ring: a host that asks faster than the answers can
 * leave (PONG is longer than PING) would then lose its requests, and frames with them. */
static uint8_t send_bytes(const uint8_t *bytes, uint16_t length) {
  uint8_t free_bytes = (uint8_t)((tx_tail - tx_head - 1) & (TX_RING - 1));
  if (length > free_bytes) return 0;
  for (uint16_t i = 0; i < length; i++) {
    tx_ring[tx_head] = bytes[i];
    tx_head = (uint8_t)((tx_head + 1) & (TX_RING - 1));
  }
  UCSR0B |= _BV(UDRIE0);
  return 1;
}

static uint16_t tx_seq;
static uint16_t tx_dropped; /* answers dropped for want of room (inspect with a debugger) */
static uint8_t scratch[PM_HEADER_BYTES + 40 + PM_CRC_BYTES];
static uint8_t wire[sizeof scratch + 2 + 1];

static void send_packet(pm_packet *packet) {
  packet->seq = tx_seq++;
  packet->prop = PROP_ID;
  uint16_t length = pm_encode_packet(packet, scratch, sizeof scratch, wire, sizeof wire);
  if (length && !send_bytes(wire, length)) tx_dropped++;
}

/* ---------------------------------------------------------------- outputs */
static uint8_t lut[256];
static uint8_t color_order = PM_GRB;
/* Byte offsets of the first, second and third wire channel within an R,G,B triple, per colour order. */
static const uint8_t ORDER_OFFSETS[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};

static void build_lut(uint8_t brightness, uint8_t gamma_tenths) {
  float gamma = gamma_tenths / 10.0f;
  for (uint16_t v = 0; v < 256; v++) {
    float level = gamma_tenths == 10 ? v / 255.0f : powf(v / 255.0f, gamma);
    lut[v] = (uint8_t)(level * brightness + 0.5f);
  }
}

/* One WS2812 byte, MSB first, 20 cycles (1.25 us) per bit: high 5 cycles for a 0, 12 for a 1. Called
 * with interrupts off; the caller re-enables them between bytes. */
static inline void ws2812_byte(uint8_t byte, uint8_t high, uint8_t low) {
  uint8_t bits = 8;
  __asm__ volatile("1:                 \n\t"
                   "out %[port], %[hi] \n\t" /* t=0  rise */
                   "nop                \n\t"
                   "nop                \n\t"
                   "nop                \n\t"
                   "sbrs %[byte], 7    \n\t" /* t=4  a 1 skips the early fall */
                   "out %[port], %[lo] \n\t" /* t=5  fall of a 0 */
                   "lsl %[byte]        \n\t" /* t=6 */
                   "nop                \n\t"
                   "nop                \n\t"
                   "nop                \n\t"
                   "nop                \n\t"
                   "nop                \n\t"
                   "out %[port], %[lo] \n\t" /* t=12 fall of a 1 */
                   "nop                \n\t"
                   "nop                \n\t"
                   "nop                \n\t"
                   "nop                \n\t"
                   "dec %[bits]        \n\t" /* t=17 */
                   "brne 1b            \n\t" /* t=18..19, next rise at t=20 */
                   : [byte] "+r"(byte), [bits] "+r"(bits)
                   : [port] "I"(_SFR_IO_ADDR(WS2812_PORT)), [hi] "r"(high), [lo] "r"(low));
}

/* Shifts a frame out with interrupts off, so nothing stretches the bit stream; between bytes it empties
 * the UART's 2-byte receive FIFO and keeps the transmitter fed by polling (a byte is 10 us at 1 Mbaud,
 * a WS2812 byte 10.75 us). Returns the device clock right after the last bit, read before interrupts
 * come back on (a pending interrupt would otherwise delay the reading). */
static uint32_t ws2812_show(const uint8_t *grb_bytes) {
  uint8_t sreg = SREG;
  cli();
  uint8_t low = WS2812_PORT & (uint8_t)~_BV(WS2812_BIT);
  uint8_t high = low | _BV(WS2812_BIT);
  for (uint8_t i = 0; i < PIXEL_COUNT * 3; i++) {
    ws2812_byte(grb_bytes[i], high, low);
    while (UCSR0A & _BV(RXC0)) rx_store(UDR0);
    if ((UCSR0A & _BV(UDRE0)) && tx_head != tx_tail) {
      UDR0 = tx_ring[tx_tail];
      tx_tail = (uint8_t)((tx_tail + 1) & (TX_RING - 1));
    }
  }
  uint32_t ended = now_ticks();
  SREG = sreg;
  return ended;
}

static void pwm_channel(volatile uint8_t *ocr, volatile uint8_t *tccra, uint8_t com_bit, volatile uint8_t *port,
                        uint8_t pin, uint8_t value) {
  if (value == 0) { /* fast PWM never reaches 0 % with the output connected */
    *tccra &= (uint8_t)~_BV(com_bit);
    *port &= (uint8_t)~_BV(pin);
  } else {
    *ocr = value;
    *tccra |= _BV(com_bit);
  }
}

static void pwm_show(const uint8_t rgb[3]) {
  pwm_channel(&OCR0A, &TCCR0A, COM0A1, &PORTD, PD6, rgb[0]);
  pwm_channel(&OCR0B, &TCCR0A, COM0B1, &PORTD, PD5, rgb[1]);
  pwm_channel(&OCR2A, &TCCR2A, COM2A1, &PORTB, PB3, rgb[2]);
}

/* ---------------------------------------------------------------- frame queue and latch */
static uint8_t slot_bytes[QUEUE_DEPTH][PIXEL_COUNT * 3]; /* wire order, corrected */
static uint8_t slot_pwm[QUEUE_DEPTH][3];                 /* corrected R, G, B of pixel 0 */
static uint32_t slot_show_at[QUEUE_DEPTH];
static uint16_t slot_seq[QUEUE_DEPTH];
static volatile uint8_t queue_head, queue_count;
static volatile uint8_t latch_now;    /* the head is due already: the main loop latches it */
static volatile uint8_t status_due;   /* a latch or blackout happened: send STATUS */
/* Ticks from the start of shifting to the last bit: an overestimate at first, then the shortest measured
 * (UART bytes polled mid-frame only ever lengthen it, so the shortest is the unloaded time). */
static volatile uint16_t stream_ticks = (PIXEL_COUNT * 3 * (8 * 20 + 24)) / 64 + 2;

static volatile uint16_t last_seq = PM_UNKNOWN_SEQ;
static volatile uint32_t last_intended, last_actual;
static volatile uint32_t late_count, dropped_count, crc_error_count, malformed_count;
static volatile uint8_t mode = PM_MODE_LIVE;

static uint32_t head_start_ticks(void) {
  return slot_show_at[queue_head] - stream_ticks - WAKE_MARGIN_TICKS;
}

/* With interrupts off: arm the compare for the head, or flag it due now. */
static void arm_next(void) {
  TIMSK1 &= (uint8_t)~_BV(OCIE1A);
  if (queue_count == 0) return;
  uint32_t start = head_start_ticks();
  if (pm_diff_u32(start, now_ticks()) < 8) {
    latch_now = 1;
    return;
  }
  OCR1A = (uint16_t)start;
  TIFR1 = _BV(OCF1A);
  TIMSK1 |= _BV(OCIE1A);
}

/* Shifts the head slot out so that its last bit leaves at showAt. Runs with interrupts on. */
static void latch_head(void) {
  uint8_t slot = queue_head;
  uint32_t show_at = slot_show_at[slot];
  uint32_t begin = show_at - stream_ticks;
  while (pm_diff_u32(begin, now_ticks()) > 0) {
  }
  uint32_t ended = ws2812_show(slot_bytes[slot]);
  pwm_show(slot_pwm[slot]);
  uint16_t took = (uint16_t)(ended - begin);
  if (took < stream_ticks) stream_ticks = took;
  cli();
  last_seq = slot_seq[slot];
  last_intended = show_at;
  last_actual = ended;
  if (pm_diff_u32(ended, show_at) > LATE_TOLERANCE_TICKS) late_count++;
  queue_head = (uint8_t)((queue_head + 1) % QUEUE_DEPTH);
  queue_count--;
  status_due = 1;
  sei();
}

ISR(TIMER1_COMPA_vect) {
  if (queue_count == 0) { /* the program holdover wake-up: waking the main loop was the point */
    TIMSK1 &= (uint8_t)~_BV(OCIE1A);
    return;
  }
  if (pm_diff_u32(head_start_ticks(), now_ticks()) > 64) return; /* a match one 16-bit wrap early */
  TIMSK1 &= (uint8_t)~_BV(OCIE1A);
  sei(); /* the UART must keep running while the data shifts out */
  latch_head();
  cli();
  arm_next();
}

/* Main loop: latch a head that was already due when it was armed, dropping it if the next is due too. */
static void latch_due_now(void) {
  cli();
  if (!latch_now) {
    sei();
    return;
  }
  latch_now = 0;
  while (queue_count >= 2) {
    uint8_t second = (uint8_t)((queue_head + 1) % QUEUE_DEPTH);
    if (pm_diff_u32(slot_show_at[second] - stream_ticks, now_ticks()) > 0) break;
    queue_head = second; /* superseded before it could be shown */
    queue_count--;
    dropped_count++;
  }
  sei();
  latch_head();
  cli();
  arm_next();
  sei();
}

static void flush_queue(void) {
  cli();
  dropped_count += queue_count;
  queue_count = 0;
  latch_now = 0;
  arm_next();
  sei();
}

/* Copies pixels (R,G,B triples) into the next free slot, corrected; returns 0 when the queue is full. */
static uint8_t enqueue(const uint8_t *rgb_pixels, uint16_t pixel_bytes, uint8_t repeat_first, uint32_t show_at,
                       uint16_t seq) {
  cli();
  if (queue_count > 0) {
    uint8_t tail = (uint8_t)((queue_head + queue_count - 1) % QUEUE_DEPTH);
    if (pm_diff_u32(show_at, slot_show_at[tail]) < 0) { /* earlier than the last queued: a seek */
      sei();
      flush_queue();
      cli();
    }
  }
  if (queue_count == QUEUE_DEPTH) {
    sei();
    return 0;
  }
  uint8_t slot = (uint8_t)((queue_head + queue_count) % QUEUE_DEPTH);
  sei();
  const uint8_t *offsets = ORDER_OFFSETS[color_order];
  uint8_t *out = slot_bytes[slot];
  for (uint8_t pixel = 0; pixel < PIXEL_COUNT; pixel++) {
    uint16_t at = repeat_first ? 0 : (uint16_t)pixel * 3;
    if (at + 3 > pixel_bytes) {
      out[0] = out[1] = out[2] = 0;
    } else {
      out[0] = lut[rgb_pixels[at + offsets[0]]];
      out[1] = lut[rgb_pixels[at + offsets[1]]];
      out[2] = lut[rgb_pixels[at + offsets[2]]];
    }
    out += 3;
  }
  slot_pwm[slot][0] = lut[rgb_pixels[0]];
  slot_pwm[slot][1] = lut[rgb_pixels[1]];
  slot_pwm[slot][2] = lut[rgb_pixels[2]];
  slot_show_at[slot] = show_at;
  slot_seq[slot] = seq;
  cli();
  queue_count++;
  if (queue_count == 1) arm_next();
  sei();
  return 1;
}

static const uint8_t dark[PIXEL_COUNT * 3];

static void blackout_now(void) {
  flush_queue();
  static const uint8_t off[3];
  ws2812_show(dark);
  pwm_show(off);
  mode = PM_MODE_BLACKOUT;
  status_due = 1;
}

/* ---------------------------------------------------------------- program (autonomous playback) */
static uint8_t program_image[PROGRAM_CAPACITY];
static uint16_t program_expected, program_received, program_crc;
static pm_program_image program;
static uint8_t program_valid, program_armed, program_ended;
static uint32_t program_show_start, program_next_at;
static uint16_t program_holdover_ms;
static uint32_t last_frame_rx;

static uint8_t program_op(const pm_program *op) {
  switch (op->op) {
  case PM_OP_BEGIN:
    if (op->total_bytes == 0 || op->total_bytes > PROGRAM_CAPACITY) return PM_E_TOO_LARGE;
    if (mode == PM_MODE_PROGRAM) mode = PM_MODE_LIVE;
    program_valid = 0;
    program_expected = op->total_bytes;
    program_received = 0;
    program_crc = op->image_crc;
    return PM_OK;
  case PM_OP_CHUNK:
    /* In order without gaps; a chunk sent again (its ACK was lost) is taken again. */
    if (op->offset > program_received || (uint32_t)op->offset + op->data_bytes > program_expected)
      return PM_E_PROGRAM_INVALID;
    memcpy(program_image + op->offset, op->data, op->data_bytes);
    if (op->offset + op->data_bytes > program_received) program_received = (uint16_t)(op->offset + op->data_bytes);
    return PM_OK;
  case PM_OP_COMMIT:
    if (program_received != program_expected || pm_crc16(program_image, program_expected) != program_crc)
      return PM_E_PROGRAM_INVALID;
    if (pm_program_parse(program_image, program_expected, &program) != PM_OK) return PM_E_PROGRAM_INVALID;
    program_valid = 1;
    return PM_OK;
  case PM_OP_ARM:
    if (!program_valid) return PM_E_PROGRAM_INVALID;
    program_armed = 1;
    program_show_start = op->show_start_ticks;
    program_holdover_ms = op->holdover_ms;
    return PM_OK;
  case PM_OP_DISARM:
    program_armed = 0;
    if (mode == PM_MODE_PROGRAM) mode = PM_MODE_LIVE;
    return PM_OK;
  default:
    return PM_E_BAD_VALUE;
  }
}

/* With the queue empty the compare is free: wake the main loop when the holdover runs out, or the
 * program would start only at the next Timer1 overflow (up to 262 ms late). */
static void arm_holdover_wake(void) {
  if (!program_armed || !program_valid || mode != PM_MODE_LIVE) return;
  cli();
  if (queue_count == 0 && !(TIMSK1 & _BV(OCIE1A))) {
    OCR1A = (uint16_t)(last_frame_rx + (uint32_t)program_holdover_ms * TICKS_PER_MS);
    TIFR1 = _BV(OCF1A);
    TIMSK1 |= _BV(OCIE1A);
  }
  sei();
}

/* When live frames stopped for the holdover, queue the program's colour for its next step boundary. */
static void program_tick(void) {
  if (!program_armed || !program_valid || mode == PM_MODE_BLACKOUT) return;
  uint32_t now = now_ticks();
  if (mode == PM_MODE_LIVE) {
    if (queue_count > 0 || pm_diff_u32(now, last_frame_rx) < (int32_t)program_holdover_ms * TICKS_PER_MS) return;
    mode = PM_MODE_PROGRAM;
    program_ended = 0;
    program_next_at = now + 2 * TICKS_PER_MS;
  }
  if (queue_count > 0 || program_ended) return;
  uint32_t at = program_next_at;
  if (pm_diff_u32(at, now) < TICKS_PER_MS) at = now + 2 * TICKS_PER_MS;
  int32_t elapsed_ticks = pm_diff_u32(at, program_show_start);
  int32_t elapsed_ms = elapsed_ticks >= 0 ? elapsed_ticks / TICKS_PER_MS : -((-elapsed_ticks + TICKS_PER_MS - 1) / TICKS_PER_MS);
  uint8_t rgb[3];
  uint32_t to_next;
  pm_program_color_at(&program, elapsed_ms, rgb, &to_next);
  enqueue(rgb, 3, 1, at, PM_UNKNOWN_SEQ);
  if (to_next == UINT32_MAX) program_ended = 1;
  else program_next_at = program_show_start + (uint32_t)(elapsed_ms + (int32_t)to_next) * TICKS_PER_MS;
}

/* ---------------------------------------------------------------- packets */
static void reply_error(uint16_t ref_seq, uint8_t ref_type, uint8_t code) {
  pm_packet out;
  out.type = PM_ERROR;
  out.m.error.ref_seq = ref_seq;
  out.m.error.ref_type = ref_type;
  out.m.error.code = code;
  send_packet(&out);
}

static void reply_ack(const pm_packet *in) {
  pm_packet out;
  out.type = PM_ACK;
  out.m.ack.acked_seq = in->seq;
  out.m.ack.acked_type = in->type;
  send_packet(&out);
}

static void send_status(void) {
  pm_packet out;
  out.type = PM_STATUS;
  cli();
  status_due = 0;
  out.m.status.latched_seq = last_seq;
  out.m.status.intended_ticks = last_intended;
  out.m.status.actual_ticks = last_actual;
  out.m.status.late_count = late_count;
  out.m.status.dropped_count = dropped_count;
  out.m.status.crc_error_count = crc_error_count;
  out.m.status.malformed_count = malformed_count;
  out.m.status.queued = queue_count;
  out.m.status.mode = mode;
  sei();
  send_packet(&out);
}

static void handle_body(const uint8_t *body, uint16_t length, uint32_t rx_ticks, uint8_t stamped) {
  pm_packet in;
  pm_header header;
  uint8_t result = pm_decode_body(body, length, MAX_PAYLOAD, &in, &header);
  if (result == PM_E_BAD_CRC || !header.valid) {
    if (result == PM_E_BAD_CRC) crc_error_count++;
    else malformed_count++;
    return;
  }
  if (header.prop != PROP_ID && header.prop != PM_BROADCAST_PROP) return;
  if (result != PM_OK) {
    malformed_count++;
    reply_error(header.seq, header.type, result);
    return;
  }
  pm_packet out;
  switch (in.type) {
  case PM_HELLO:
    out.type = PM_CAPS;
    out.m.caps.nonce = in.m.hello.nonce;
    out.m.caps.fw_major = FIRMWARE_MAJOR;
    out.m.caps.fw_minor = FIRMWARE_MINOR;
    out.m.caps.fw_patch = FIRMWARE_PATCH;
    out.m.caps.pixel_count = PIXEL_COUNT;
    out.m.caps.clock_hz = CLOCK_HZ;
    out.m.caps.buffer_depth = QUEUE_DEPTH;
    out.m.caps.max_payload = MAX_PAYLOAD;
    out.m.caps.outputs = PM_OUTPUT_WS2812 | PM_OUTPUT_PWM_RGB;
    out.m.caps.program_capacity = PROGRAM_CAPACITY;
    send_packet(&out);
    break;
  case PM_PING:
#ifdef TEST_HANG_ON_ECHO
    if (in.m.ping.echo == TEST_HANG_ON_ECHO) for (;;) { /* test build only: a hung prop for the watchdog test */
      }
#endif
    if (!stamped) break; /* arrival time unknown: no answer beats a wrong one for clock sync */
    out.type = PM_PONG;
    out.m.pong.echo = in.m.ping.echo;
    out.m.pong.device_rx_ticks = rx_ticks;
    out.m.pong.device_tx_ticks = now_ticks();
    send_packet(&out);
    break;
  case PM_FRAME:
    last_frame_rx = stamped ? rx_ticks : now_ticks();
    if (in.m.frame.pixel_bytes > PIXEL_COUNT * 3) {
      malformed_count++;
      reply_error(in.seq, in.type, PM_E_BAD_LENGTH);
      break;
    }
    if (mode != PM_MODE_LIVE) {
      if (mode == PM_MODE_PROGRAM) flush_queue();
      mode = PM_MODE_LIVE;
    }
    if (!enqueue(in.m.frame.pixels, in.m.frame.pixel_bytes, 0, in.m.frame.show_at, in.seq)) {
      dropped_count++;
      reply_error(in.seq, in.type, PM_E_QUEUE_FULL);
    }
    break;
  case PM_CONFIG:
    build_lut(in.m.config.brightness, in.m.config.gamma_tenths);
    color_order = in.m.config.color_order;
    reply_ack(&in);
    break;
  case PM_BLACKOUT:
    blackout_now();
    break;
  case PM_PROGRAM:
    result = program_op(&in.m.program);
    if (result == PM_OK) reply_ack(&in);
    else reply_error(in.seq, in.type, result);
    break;
  default: /* a prop → host message sent to a prop */
    malformed_count++;
    reply_error(in.seq, in.type, PM_E_UNKNOWN_TYPE);
    break;
  }
}

/* ---------------------------------------------------------------- setup and main loop */
static void setup(void) {
  /* UART 1 Mbaud 8N1: 16 MHz / (8 × (1 + 1)). */
  UCSR0A = _BV(U2X0);
  UBRR0 = 1;
  UCSR0C = _BV(UCSZ01) | _BV(UCSZ00);
  UCSR0B = _BV(RXEN0) | _BV(TXEN0) | _BV(RXCIE0);
  /* Device clock: Timer1 normal mode, /64. */
  TCCR1A = 0; /* TCCR1B was set in .init3 */
  TIMSK1 = _BV(TOIE1);
  /* PWM: Timer0 fast PWM /64 (OC0A red, OC0B green), Timer2 fast PWM /64 (OC2A blue); outputs connected
   * on the first non-zero value. */
  TCCR0A = _BV(WGM01) | _BV(WGM00);
  TCCR0B = _BV(CS01) | _BV(CS00);
  TCCR2A = _BV(WGM21) | _BV(WGM20);
  TCCR2B = _BV(CS22);
  DDRD |= _BV(PD6) | _BV(PD5) | _BV(WS2812_BIT);
  DDRB |= _BV(PB3);
  build_lut(255, 10);
  set_sleep_mode(SLEEP_MODE_IDLE);
  /* A hung prop restarts within 1 s and the host's next HELLO finds it; the main loop wakes at least
   * every 262 ms (Timer1 overflow), so a healthy one always pats the dog in time. */
  wdt_enable(WDTO_1S);
}

int main(void) {
  static uint8_t body_buffer[MAX_PAYLOAD + PM_HEADER_BYTES + PM_CRC_BYTES + 8];
  pm_stream stream;
  pm_stream_init(&stream, body_buffer, sizeof body_buffer);
  stream.only_prop = PROP_ID; /* other props' packets are skipped unread (no CRC, no answer) */
  setup();
  sei();
  ws2812_show(dark); /* pixels power up at random colours */
  for (;;) {
    wdt_reset();
    while (rx_tail != rx_head) {
      uint8_t at = rx_tail;
      uint8_t byte = rx_ring[at];
      rx_tail++;
      uint16_t body_length = 0;
      uint8_t error = PM_OK;
      uint32_t rx_ticks = 0;
      uint8_t stamped = 0;
      if (byte == 0 && stamp_tail != stamp_head && rx_stamp_at[stamp_tail] == at) {
        uint32_t now = now_ticks();
        rx_ticks = now - (uint16_t)((uint16_t)now - rx_stamps[stamp_tail]);
        stamped = 1;
        stamp_tail = (uint8_t)((stamp_tail + 1) & 15);
      }
      uint8_t result = pm_stream_push(&stream, byte, &body_length, &error);
      if (result == 1) handle_body(body_buffer, body_length, rx_ticks, stamped);
      else if (result == 2) malformed_count++;
      if (latch_now) latch_due_now();
    }
    if (latch_now) latch_due_now();
    if (status_due) send_status();
    program_tick();
    arm_holdover_wake();
    cli();
    if (rx_tail == rx_head && !latch_now && !status_due) {
      sleep_enable();
      sei();
      sleep_cpu(); /* any interrupt wakes the loop */
      sleep_disable();
    }
    sei();
  }
}
