/* Build-time settings of the reference prop (ATmega328P at 16 MHz, Arduino Nano class). */
#ifndef PROP_CONFIG_H
#define PROP_CONFIG_H

#define FIRMWARE_MAJOR 1
#define FIRMWARE_MINOR 0
#define FIRMWARE_PATCH 0

#ifndef PROP_ID
#define PROP_ID 0
#endif
#ifndef PIXEL_COUNT
#define PIXEL_COUNT 16
#endif
/* Frames held ahead of their show time (CAPS bufferDepth). */
#define QUEUE_DEPTH 4
/* Largest payload accepted (CAPS maxPayload): a full frame of PIXEL_COUNT pixels plus headroom. */
#define MAX_PAYLOAD 160
/* RAM is 2 KB: program steps are 5 bytes, so 50 steps. */
#define PROGRAM_CAPACITY 256

/* Timer1 at 16 MHz / 64: one tick is 4 us. */
#define CLOCK_HZ 250000UL
#define TICKS_PER_MS 250
/* Wake this many ticks before a latch starts shifting data, then spin to the exact tick. */
#define WAKE_MARGIN_TICKS 25
/* A frame latched more than this after its showAt counts as late (1 ms). */
#define LATE_TOLERANCE_TICKS 250

/* Pins: WS2812 data on PD7 (Arduino D7); PWM red OC0A PD6 (D6), green OC0B PD5 (D5), blue OC2A PB3 (D11). */
#define WS2812_PORT PORTD
#define WS2812_DDR DDRD
#define WS2812_BIT 7

#if PIXEL_COUNT * 3 + 4 > MAX_PAYLOAD
#error "MAX_PAYLOAD must hold a full frame"
#endif
#endif
