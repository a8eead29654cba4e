/* Prop wire protocol, version 1: the C side of src/firmware-protocol (PROTOCOL.md there is the spec and
 * golden-vectors.json pins both sides to the same bytes). Plain C99, no allocation, no platform headers:
 * built for the ATmega328P and for the host tests. */
#ifndef PM_PROTOCOL_H
#define PM_PROTOCOL_H

#include <stdint.h>

#define PM_PROTOCOL_VERSION 1u
#define PM_HEADER_BYTES 7u
#define PM_CRC_BYTES 2u
#define PM_MAX_PAYLOAD 1024u
#define PM_BROADCAST_PROP 0xFFu
#define PM_UNKNOWN_SEQ 0xFFFFu

enum pm_type {
  PM_HELLO = 0x01,
  PM_CAPS = 0x02,
  PM_PING = 0x03,
  PM_PONG = 0x04,
  PM_FRAME = 0x05,
  PM_STATUS = 0x06,
  PM_CONFIG = 0x07,
  PM_BLACKOUT = 0x08,
  PM_PROGRAM = 0x09,
  PM_ACK = 0x0A,
  PM_ERROR = 0x0B
};

enum pm_error {
  PM_OK = 0,
  PM_E_BAD_CRC = 1,
  PM_E_UNSUPPORTED_VERSION = 2,
  PM_E_UNKNOWN_TYPE = 3,
  PM_E_BAD_LENGTH = 4,
  PM_E_BAD_VALUE = 5,
  PM_E_QUEUE_FULL = 6,
  PM_E_PROGRAM_INVALID = 7,
  PM_E_TOO_LARGE = 8,
  PM_E_BAD_FRAMING = 9
};

enum pm_program_op { PM_OP_BEGIN = 0, PM_OP_CHUNK = 1, PM_OP_COMMIT = 2, PM_OP_ARM = 3, PM_OP_DISARM = 4 };
enum pm_mode { PM_MODE_LIVE = 0, PM_MODE_PROGRAM = 1, PM_MODE_BLACKOUT = 2 };
enum pm_color_order { PM_RGB = 0, PM_RBG = 1, PM_GRB = 2, PM_GBR = 3, PM_BRG = 4, PM_BGR = 5 };
#define PM_OUTPUT_WS2812 0x01u
#define PM_OUTPUT_PWM_RGB 0x02u
#define PM_MIN_GAMMA_TENTHS 10u
#define PM_MAX_GAMMA_TENTHS 30u

typedef struct { uint32_t nonce; } pm_hello;
typedef struct {
  uint32_t nonce;
  uint8_t fw_major, fw_minor, fw_patch;
  uint16_t pixel_count;
  uint32_t clock_hz;
  uint8_t buffer_depth;
  uint16_t max_payload;
  uint8_t outputs;
  uint16_t program_capacity;
} pm_caps;
typedef struct { uint32_t echo; } pm_ping;
typedef struct { uint32_t echo, device_rx_ticks, device_tx_ticks; } pm_pong;
/* Pixels point into the decoded body: valid while that buffer is. */
typedef struct {
  uint32_t show_at;
  const uint8_t *pixels;
  uint16_t pixel_bytes;
} pm_frame;
typedef struct {
  uint16_t latched_seq;
  uint32_t intended_ticks, actual_ticks;
  uint32_t late_count, dropped_count, crc_error_count, malformed_count;
  uint8_t queued, mode;
} pm_status;
typedef struct { uint8_t brightness, color_order, gamma_tenths; } pm_config;
typedef struct {
  uint8_t op;
  uint16_t total_bytes, image_crc; /* begin */
  uint16_t offset;                 /* chunk */
  const uint8_t *data;             /* chunk, points into the body */
  uint16_t data_bytes;
  uint32_t show_start_ticks; /* arm */
  uint16_t holdover_ms;      /* arm */
} pm_program;
typedef struct { uint16_t acked_seq; uint8_t acked_type; } pm_ack;
typedef struct { uint16_t ref_seq; uint8_t ref_type, code; } pm_error_msg;

typedef struct {
  uint8_t type;
  uint16_t seq;
  uint8_t prop;
  union {
    pm_hello hello;
    pm_caps caps;
    pm_ping ping;
    pm_pong pong;
    pm_frame frame;
    pm_status status;
    pm_config config;
    pm_program program;
    pm_ack ack;
    pm_error_msg error;
  } m;
} pm_packet;

/* Header fields of a refused packet, when they could be trusted (CRC passed). */
typedef struct {
  uint8_t valid;
  uint8_t type;
  uint16_t seq;
  uint8_t prop;
} pm_header;

/* ---- CRC-16/CCITT-FALSE ---- */
#define PM_CRC_INIT 0xFFFFu
uint16_t pm_crc16_update(uint16_t crc, uint8_t byte);
uint16_t pm_crc16(const uint8_t *data, uint16_t length);

/* ---- COBS ---- */
/* Encodes `length` bytes into `out` (capacity `cap`, no delimiter). Returns the encoded length, 0 if it
 * does not fit. */
uint16_t pm_cobs_encode(const uint8_t *data, uint16_t length, uint8_t *out, uint16_t cap);
/* Decodes a block in place. Returns PM_OK and the decoded length, or PM_E_BAD_FRAMING. */
uint8_t pm_cobs_decode_in_place(uint8_t *block, uint16_t length, uint16_t *decoded_length);

/* Streaming receiver: bytes in, one decoded body out per delimiter. It decodes COBS as bytes arrive, so a
 * packet costs one pass, and with a prop filter it stops decoding a packet addressed to another prop as
 * soon as the header's prop byte is known (a shared link carries mostly other props' frames). */
typedef struct {
  uint8_t *buffer;
  uint16_t capacity;
  uint16_t length;    /* decoded bytes so far */
  uint8_t remaining;  /* bytes left in the current COBS block (0: the next byte is a code) */
  uint8_t block_code; /* code of the current block (0 before the first) */
  uint8_t overflowed, skipping;
  int16_t only_prop;  /* -1: keep every packet; else keep this prop's and broadcast packets */
} pm_stream;
void pm_stream_init(pm_stream *stream, uint8_t *buffer, uint16_t capacity);
/* Feeds one byte. Returns 0 while a packet is incomplete (or for an empty block, or a packet for another
 * prop), 1 when `buffer` holds a decoded body of *body_length bytes (valid until the next push), or 2 when
 * a block was refused (*error: PM_E_BAD_FRAMING or PM_E_TOO_LARGE). */
uint8_t pm_stream_push(pm_stream *stream, uint8_t byte, uint16_t *body_length, uint8_t *error);

/* ---- Packets ---- */
/* Decodes a body (after COBS). Returns PM_OK or the error; `header` (may be NULL) says whether the
 * header could be trusted, so the refusal can name the packet. Payload pointers point into `body`. */
uint8_t pm_decode_body(const uint8_t *body, uint16_t length, uint16_t max_payload, pm_packet *out, pm_header *header);
/* Encodes a packet as wire bytes (COBS body and the 0x00 delimiter) into `wire`. `scratch` holds the
 * body while it is built (header + payload + CRC). Returns the wire length, or 0 if a buffer is too
 * small or a field out of range. */
uint16_t pm_encode_packet(const pm_packet *packet, uint8_t *scratch, uint16_t scratch_cap, uint8_t *wire,
                          uint16_t wire_cap);
/* Encodes a body only (header + payload + CRC). Returns its length or 0. */
uint16_t pm_encode_body(const pm_packet *packet, uint8_t *body, uint16_t cap);

/* ---- Wrapping counters ---- */
static inline int32_t pm_diff_u32(uint32_t a, uint32_t b) { return (int32_t)(a - b); }
static inline int16_t pm_diff_u16(uint16_t a, uint16_t b) { return (int16_t)(uint16_t)(a - b); }

/* ---- Program image ---- */
#define PM_PROGRAM_IMAGE_FORMAT 1u
typedef struct {
  const uint8_t *image;
  uint16_t step_count;
  uint8_t loop;
  uint32_t total_ms;
} pm_program_image;
/* Checks an image (layout in PROTOCOL.md). Returns PM_OK or PM_E_PROGRAM_INVALID. */
uint8_t pm_program_parse(const uint8_t *image, uint16_t length, pm_program_image *out);
/* Colour at `elapsed_ms` after show start (black before and after a non-looping end) and the ms until
 * it changes (UINT32_MAX if never). */
void pm_program_color_at(const pm_program_image *program, int32_t elapsed_ms, uint8_t rgb[3], uint32_t *ms_to_next);

#endif
