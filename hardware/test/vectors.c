#include "vectors.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

json *load_vectors(const char *path) {
  FILE *file = fopen(path, "rb");
  if (!file) { perror(path); return NULL; }
  fseek(file, 0, SEEK_END);
  long size = ftell(file);
  fseek(file, 0, SEEK_SET);
  char *text = malloc((size_t)size + 1);
  if (fread(text, 1, (size_t)size, file) != (size_t)size) { fclose(file); return NULL; }
  text[size] = 0;
  fclose(file);
  return json_parse(text);
}

uint8_t *hex_decode(const char *hex, size_t *length) {
  size_t n = strlen(hex) / 2;
  uint8_t *out = malloc(n ? n : 1);
  for (size_t i = 0; i < n; i++) {
    unsigned value;
    sscanf(hex + 2 * i, "%2x", &value);
    out[i] = (uint8_t)value;
  }
  *length = n;
  return out;
}

void hex_encode(const uint8_t *bytes, size_t length, char *out) {
  for (size_t i = 0; i < length; i++) sprintf(out + 2 * i, "%02x", bytes[i]);
  out[2 * length] = 0;
}

static const char *const TYPE_NAMES[] = {NULL, "hello", "caps", "ping", "pong", "frame", "status",
                                         "config", "blackout", "program", "ack", "error"};
static const char *const ERROR_NAMES[] = {"ok", "badCrc", "unsupportedVersion", "unknownType", "badLength",
                                          "badValue", "queueFull", "programInvalid", "tooLarge", "badFraming"};
static const char *const ORDER_NAMES[] = {"rgb", "rbg", "grb", "gbr", "brg", "bgr"};
static const char *const MODE_NAMES[] = {"live", "program", "blackout"};
static const char *const OP_NAMES[] = {"begin", "chunk", "commit", "arm", "disarm"};

const char *type_name(uint8_t type) { return type >= 1 && type <= 11 ? TYPE_NAMES[type] : "?"; }
const char *error_name(uint8_t code) { return code <= 9 ? ERROR_NAMES[code] : "?"; }

#define NUM(field_name, expr)                                                                                    \
  if (strcmp(name, field_name) == 0) {                                                                          \
    snprintf(out, cap, "%lu", (unsigned long)(expr));                                                           \
    return 1;                                                                                                    \
  }
#define TEXT(field_name, expr)                                                                                   \
  if (strcmp(name, field_name) == 0) {                                                                          \
    snprintf(out, cap, "%s", (expr));                                                                           \
    return 1;                                                                                                    \
  }

int field_as_text(const pm_packet *pk, const char *name, char *out, size_t cap) {
  TEXT("type", type_name(pk->type));
  switch (pk->type) {
  case PM_HELLO:
    NUM("nonce", pk->m.hello.nonce);
    break;
  case PM_CAPS:
    NUM("nonce", pk->m.caps.nonce);
    NUM("firmwareVersion.major", pk->m.caps.fw_major);
    NUM("firmwareVersion.minor", pk->m.caps.fw_minor);
    NUM("firmwareVersion.patch", pk->m.caps.fw_patch);
    NUM("pixelCount", pk->m.caps.pixel_count);
    NUM("clockHz", pk->m.caps.clock_hz);
    NUM("bufferDepth", pk->m.caps.buffer_depth);
    NUM("maxPayload", pk->m.caps.max_payload);
    NUM("outputs", pk->m.caps.outputs);
    NUM("programCapacity", pk->m.caps.program_capacity);
    break;
  case PM_PING:
    NUM("echo", pk->m.ping.echo);
    break;
  case PM_PONG:
    NUM("echo", pk->m.pong.echo);
    NUM("deviceRxTicks", pk->m.pong.device_rx_ticks);
    NUM("deviceTxTicks", pk->m.pong.device_tx_ticks);
    break;
  case PM_FRAME:
    NUM("showAt", pk->m.frame.show_at);
    if (strcmp(name, "pixels") == 0 && cap > 2u * pk->m.frame.pixel_bytes) {
      hex_encode(pk->m.frame.pixels, pk->m.frame.pixel_bytes, out);
      return 1;
    }
    break;
  case PM_STATUS:
    NUM("latchedSeq", pk->m.status.latched_seq);
    NUM("intendedTicks", pk->m.status.intended_ticks);
    NUM("actualTicks", pk->m.status.actual_ticks);
    NUM("lateCount", pk->m.status.late_count);
    NUM("droppedCount", pk->m.status.dropped_count);
    NUM("crcErrorCount", pk->m.status.crc_error_count);
    NUM("malformedCount", pk->m.status.malformed_count);
    NUM("queued", pk->m.status.queued);
    TEXT("mode", MODE_NAMES[pk->m.status.mode]);
    break;
  case PM_CONFIG:
    NUM("brightness", pk->m.config.brightness);
    TEXT("colorOrder", ORDER_NAMES[pk->m.config.color_order]);
    NUM("gammaTenths", pk->m.config.gamma_tenths);
    break;
  case PM_PROGRAM:
    TEXT("op", OP_NAMES[pk->m.program.op]);
    NUM("totalBytes", pk->m.program.total_bytes);
    NUM("imageCrc", pk->m.program.image_crc);
    NUM("offset", pk->m.program.offset);
    NUM("showStartTicks", pk->m.program.show_start_ticks);
    NUM("holdoverMs", pk->m.program.holdover_ms);
    if (strcmp(name, "data") == 0 && cap > 2u * pk->m.program.data_bytes) {
      hex_encode(pk->m.program.data, pk->m.program.data_bytes, out);
      return 1;
    }
    break;
  case PM_ACK:
    NUM("ackedSeq", pk->m.ack.acked_seq);
    NUM("ackedType", pk->m.ack.acked_type);
    break;
  case PM_ERROR:
    NUM("refSeq", pk->m.error.ref_seq);
    NUM("refType", pk->m.error.ref_type);
    TEXT("code", error_name(pk->m.error.code));
    break;
  default:
    break;
  }
  return 0;
}
