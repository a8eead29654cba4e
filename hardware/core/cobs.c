/* COBS framing, minimal form (see PROTOCOL.md). Decoding works in place: output never overtakes input. */
#include "protocol.h"

uint16_t pm_cobs_encode(const uint8_t *data, uint16_t length, uint8_t *out, uint16_t cap) {
  if (cap == 0) return 0;
  uint16_t code_index = 0, write = 1;
  uint8_t code = 1;
  for (uint16_t i = 0; i < length; i++) {
    uint8_t byte = data[i];
    if (byte != 0) {
      if (write >= cap) return 0;
      out[write++] = byte;
      code++;
    }
    if (byte == 0 || code == 0xFF) {
      out[code_index] = code;
      code = 1;
      code_index = write;
      if (byte == 0 || i + 1 < length) {
        if (write >= cap) return 0;
        write++;
      }
    }
  }
  if (code_index < write) out[code_index] = code;
  return write;
}

uint8_t pm_cobs_decode_in_place(uint8_t *block, uint16_t length, uint16_t *decoded_length) {
  uint16_t read = 0, write = 0;
  while (read < length) {
    uint8_t code = block[read];
    if (code == 0) return PM_E_BAD_FRAMING;
    read++;
    uint16_t end = (uint16_t)(read + code - 1);
    if (end > length || end < read) return PM_E_BAD_FRAMING;
    while (read < end) {
      uint8_t byte = block[read++];
      if (byte == 0) return PM_E_BAD_FRAMING;
      block[write++] = byte;
    }
    if (code != 0xFF && read < length) block[write++] = 0;
  }
  *decoded_length = write;
  return PM_OK;
}

void pm_stream_init(pm_stream *stream, uint8_t *buffer, uint16_t capacity) {
  stream->buffer = buffer;
  stream->capacity = capacity;
  stream->only_prop = -1;
  stream->length = 0;
  stream->remaining = 0;
  stream->block_code = 0;
  stream->overflowed = stream->skipping = 0;
}

static void stream_append(pm_stream *stream, uint8_t byte) {
  if (stream->length == stream->capacity) {
    stream->overflowed = 1;
    return;
  }
  stream->buffer[stream->length++] = byte;
  /* Header byte 4 is the destination prop. */
  if (stream->length == 5 && stream->only_prop >= 0 && byte != (uint8_t)stream->only_prop && byte != PM_BROADCAST_PROP)
    stream->skipping = 1;
}

uint8_t pm_stream_push(pm_stream *stream, uint8_t byte, uint16_t *body_length, uint8_t *error) {
  if (byte != 0) {
    if (stream->skipping || stream->overflowed) return 0; /* only the delimiter matters now */
    if (stream->remaining == 0) {
      /* A code byte: the block before it (if shorter than 254 bytes) stood for a zero. */
      if (stream->block_code != 0 && stream->block_code != 0xFF) stream_append(stream, 0);
      stream->block_code = byte;
      stream->remaining = (uint8_t)(byte - 1);
    } else {
      stream_append(stream, byte);
      stream->remaining--;
    }
    return 0;
  }
  uint8_t started = stream->block_code != 0;
  uint8_t result = 0;
  if (stream->skipping || !started) {
    result = 0;
  } else if (stream->overflowed) {
    *error = PM_E_TOO_LARGE;
    result = 2;
  } else if (stream->remaining != 0) {
    *error = PM_E_BAD_FRAMING; /* a code promised more bytes than came before the delimiter */
    result = 2;
  } else {
    *body_length = stream->length;
    result = 1;
  }
  stream->length = 0;
  stream->remaining = 0;
  stream->block_code = 0;
  stream->overflowed = stream->skipping = 0;
  return result;
}
