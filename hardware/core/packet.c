/* Packet header, CRC and the payload layout of every message (PROTOCOL.md, "Messages"). */
#include "protocol.h"

static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] | ((uint16_t)p[1] << 8)); }
static uint32_t rd32(const uint8_t *p) { return (uint32_t)rd16(p) | ((uint32_t)rd16(p + 2) << 16); }
static uint8_t *wr16(uint8_t *p, uint16_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
  return p + 2;
}
static uint8_t *wr32(uint8_t *p, uint32_t v) { return wr16(wr16(p, (uint16_t)v), (uint16_t)(v >> 16)); }

static uint8_t decode_payload(uint8_t type, const uint8_t *p, uint16_t n, pm_packet *out) {
  switch (type) {
  case PM_HELLO:
    if (n != 4) return PM_E_BAD_LENGTH;
    out->m.hello.nonce = rd32(p);
    return PM_OK;
  case PM_CAPS: {
    if (n != 19) return PM_E_BAD_LENGTH;
    pm_caps *c = &out->m.caps;
    c->nonce = rd32(p);
    c->fw_major = p[4];
    c->fw_minor = p[5];
    c->fw_patch = p[6];
    c->pixel_count = rd16(p + 7);
    c->clock_hz = rd32(p + 9);
    c->buffer_depth = p[13];
    c->max_payload = rd16(p + 14);
    c->outputs = p[16];
    c->program_capacity = rd16(p + 17);
    if (c->clock_hz == 0 || c->buffer_depth == 0) return PM_E_BAD_VALUE;
    return PM_OK;
  }
  case PM_PING:
    if (n != 4) return PM_E_BAD_LENGTH;
    out->m.ping.echo = rd32(p);
    return PM_OK;
  case PM_PONG:
    if (n != 12) return PM_E_BAD_LENGTH;
    out->m.pong.echo = rd32(p);
    out->m.pong.device_rx_ticks = rd32(p + 4);
    out->m.pong.device_tx_ticks = rd32(p + 8);
    return PM_OK;
  case PM_FRAME:
    if (n < 7 || (n - 4) % 3 != 0) return PM_E_BAD_LENGTH;
    out->m.frame.show_at = rd32(p);
    out->m.frame.pixels = p + 4;
    out->m.frame.pixel_bytes = (uint16_t)(n - 4);
    return PM_OK;
  case PM_STATUS: {
    if (n != 28) return PM_E_BAD_LENGTH;
    pm_status *s = &out->m.status;
    s->latched_seq = rd16(p);
    s->intended_ticks = rd32(p + 2);
    s->actual_ticks = rd32(p + 6);
    s->late_count = rd32(p + 10);
    s->dropped_count = rd32(p + 14);
    s->crc_error_count = rd32(p + 18);
    s->malformed_count = rd32(p + 22);
    s->queued = p[26];
    s->mode = p[27];
    if (s->mode > PM_MODE_BLACKOUT) return PM_E_BAD_VALUE;
    return PM_OK;
  }
  case PM_CONFIG:
    if (n != 3) return PM_E_BAD_LENGTH;
    out->m.config.brightness = p[0];
    out->m.config.color_order = p[1];
    out->m.config.gamma_tenths = p[2];
    if (p[1] > PM_BGR || p[2] < PM_MIN_GAMMA_TENTHS || p[2] > PM_MAX_GAMMA_TENTHS) return PM_E_BAD_VALUE;
    return PM_OK;
  case PM_BLACKOUT:
    return n == 0 ? PM_OK : PM_E_BAD_LENGTH;
  case PM_PROGRAM: {
    if (n < 1) return PM_E_BAD_LENGTH;
    pm_program *g = &out->m.program;
    g->op = p[0];
    switch (g->op) {
    case PM_OP_BEGIN:
      if (n != 5) return PM_E_BAD_LENGTH;
      g->total_bytes = rd16(p + 1);
      g->image_crc = rd16(p + 3);
      return PM_OK;
    case PM_OP_CHUNK:
      if (n < 4) return PM_E_BAD_LENGTH;
      g->offset = rd16(p + 1);
      g->data = p + 3;
      g->data_bytes = (uint16_t)(n - 3);
      return PM_OK;
    case PM_OP_ARM:
      if (n != 7) return PM_E_BAD_LENGTH;
      g->show_start_ticks = rd32(p + 1);
      g->holdover_ms = rd16(p + 5);
      return PM_OK;
    case PM_OP_COMMIT:
    case PM_OP_DISARM:
      return n == 1 ? PM_OK : PM_E_BAD_LENGTH;
    default:
      return PM_E_BAD_VALUE;
    }
  }
  case PM_ACK:
    if (n != 3) return PM_E_BAD_LENGTH;
    out->m.ack.acked_seq = rd16(p);
    out->m.ack.acked_type = p[2];
    return PM_OK;
  case PM_ERROR:
    if (n != 4) return PM_E_BAD_LENGTH;
    out->m.error.ref_seq = rd16(p);
    out->m.error.ref_type = p[2];
    out->m.error.code = p[3];
    if (p[3] < PM_E_BAD_CRC || p[3] > PM_E_BAD_FRAMING) return PM_E_BAD_VALUE;
    return PM_OK;
  default:
    return PM_E_UNKNOWN_TYPE;
  }
}

uint8_t pm_decode_body(const uint8_t *body, uint16_t length, uint16_t max_payload, pm_packet *out, pm_header *header) {
  if (header) header->valid = 0;
  if (length < PM_HEADER_BYTES + PM_CRC_BYTES) return PM_E_BAD_LENGTH;
  uint16_t end = (uint16_t)(length - PM_CRC_BYTES);
  if (pm_crc16(body, end) != rd16(body + end)) return PM_E_BAD_CRC;
  out->type = body[1];
  out->seq = rd16(body + 2);
  out->prop = body[4];
  if (header) {
    header->valid = 1;
    header->type = out->type;
    header->seq = out->seq;
    header->prop = out->prop;
  }
  if (body[0] != PM_PROTOCOL_VERSION) return PM_E_UNSUPPORTED_VERSION;
  uint16_t payload = (uint16_t)(end - PM_HEADER_BYTES);
  if (rd16(body + 5) != payload) return PM_E_BAD_LENGTH;
  if (payload > max_payload || payload > PM_MAX_PAYLOAD) return PM_E_TOO_LARGE;
  return decode_payload(out->type, body + PM_HEADER_BYTES, payload, out);
}

/* Payload bytes of a packet, or -1 when a field is out of range. */
static int32_t payload_length(const pm_packet *pk) {
  switch (pk->type) {
  case PM_HELLO:
  case PM_PING:
    return 4;
  case PM_CAPS:
    return 19;
  case PM_PONG:
    return 12;
  case PM_FRAME:
    if (pk->m.frame.pixel_bytes == 0 || pk->m.frame.pixel_bytes % 3 != 0) return -1;
    return 4 + (int32_t)pk->m.frame.pixel_bytes;
  case PM_STATUS:
    return 28;
  case PM_CONFIG:
    return 3;
  case PM_BLACKOUT:
    return 0;
  case PM_PROGRAM:
    switch (pk->m.program.op) {
    case PM_OP_BEGIN:
      return 5;
    case PM_OP_CHUNK:
      return pk->m.program.data_bytes == 0 ? -1 : 3 + (int32_t)pk->m.program.data_bytes;
    case PM_OP_ARM:
      return 7;
    case PM_OP_COMMIT:
    case PM_OP_DISARM:
      return 1;
    default:
      return -1;
    }
  case PM_ACK:
    return 3;
  case PM_ERROR:
    return 4;
  default:
    return -1;
  }
}

static void write_payload(const pm_packet *pk, uint8_t *p) {
  uint16_t i;
  switch (pk->type) {
  case PM_HELLO:
    wr32(p, pk->m.hello.nonce);
    break;
  case PM_CAPS: {
    const pm_caps *c = &pk->m.caps;
    p = wr32(p, c->nonce);
    *p++ = c->fw_major;
    *p++ = c->fw_minor;
    *p++ = c->fw_patch;
    p = wr16(p, c->pixel_count);
    p = wr32(p, c->clock_hz);
    *p++ = c->buffer_depth;
    p = wr16(p, c->max_payload);
    *p++ = c->outputs;
    wr16(p, c->program_capacity);
    break;
  }
  case PM_PING:
    wr32(p, pk->m.ping.echo);
    break;
  case PM_PONG:
    wr32(wr32(wr32(p, pk->m.pong.echo), pk->m.pong.device_rx_ticks), pk->m.pong.device_tx_ticks);
    break;
  case PM_FRAME:
    p = wr32(p, pk->m.frame.show_at);
    for (i = 0; i < pk->m.frame.pixel_bytes; i++) p[i] = pk->m.frame.pixels[i];
    break;
  case PM_STATUS: {
    const pm_status *s = &pk->m.status;
    p = wr16(p, s->latched_seq);
    p = wr32(p, s->intended_ticks);
    p = wr32(p, s->actual_ticks);
    p = wr32(p, s->late_count);
    p = wr32(p, s->dropped_count);
    p = wr32(p, s->crc_error_count);
    p = wr32(p, s->malformed_count);
    p[0] = s->queued;
    p[1] = s->mode;
    break;
  }
  case PM_CONFIG:
    p[0] = pk->m.config.brightness;
    p[1] = pk->m.config.color_order;
    p[2] = pk->m.config.gamma_tenths;
    break;
  case PM_PROGRAM: {
    const pm_program *g = &pk->m.program;
    *p++ = g->op;
    if (g->op == PM_OP_BEGIN) wr16(wr16(p, g->total_bytes), g->image_crc);
    if (g->op == PM_OP_CHUNK) {
      p = wr16(p, g->offset);
      for (i = 0; i < g->data_bytes; i++) p[i] = g->data[i];
    }
    if (g->op == PM_OP_ARM) wr16(wr32(p, g->show_start_ticks), g->holdover_ms);
    break;
  }
  case PM_ACK:
    p = wr16(p, pk->m.ack.acked_seq);
    p[0] = pk->m.ack.acked_type;
    break;
  case PM_ERROR:
    p = wr16(p, pk->m.error.ref_seq);
    p[0] = pk->m.error.ref_type;
    p[1] = pk->m.error.code;
    break;
  default:
    break;
  }
}

uint16_t pm_encode_body(const pm_packet *packet, uint8_t *body, uint16_t cap) {
  int32_t payload = payload_length(packet);
  if (payload < 0 || payload > (int32_t)PM_MAX_PAYLOAD) return 0;
  uint16_t length = (uint16_t)(PM_HEADER_BYTES + payload + PM_CRC_BYTES);
  if (length > cap) return 0;
  body[0] = PM_PROTOCOL_VERSION;
  body[1] = packet->type;
  wr16(body + 2, packet->seq);
  body[4] = packet->prop;
  wr16(body + 5, (uint16_t)payload);
  write_payload(packet, body + PM_HEADER_BYTES);
  wr16(body + PM_HEADER_BYTES + payload, pm_crc16(body, (uint16_t)(PM_HEADER_BYTES + payload)));
  return length;
}

uint16_t pm_encode_packet(const pm_packet *packet, uint8_t *scratch, uint16_t scratch_cap, uint8_t *wire,
                          uint16_t wire_cap) {
  uint16_t body = pm_encode_body(packet, scratch, scratch_cap);
  if (body == 0 || wire_cap == 0) return 0;
  uint16_t encoded = pm_cobs_encode(scratch, body, wire, (uint16_t)(wire_cap - 1));
  if (encoded == 0) return 0;
  wire[encoded] = 0;
  return (uint16_t)(encoded + 1);
}
