/* Golden vectors (src/firmware-protocol/golden-vectors.json) against the firmware's protocol core, built
 * for the host. Prints one line per vector and a closing "N passed, M failed". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vectors.h"

static int passed, failed;

static void check(int ok, const char *group, const char *name, const char *detail) {
  if (ok) passed++;
  else {
    failed++;
    printf("FAIL %s: %s: %s\n", group, name, detail);
  }
}

/* Checks every leaf of the vector's message object against the decoded packet. */
static void compare_fields(const json *object, const char *prefix, const pm_packet *packet, const char *vector, int *ok) {
  for (size_t i = 0; i < object->count; i++) {
    const json *member = &object->children[i];
    char name[96], expected[2048], actual[2048];
    snprintf(name, sizeof name, "%s%s", prefix, member->key);
    if (member->kind == J_OBJECT) {
      char nested[100];
      snprintf(nested, sizeof nested, "%s.", name);
      compare_fields(member, nested, packet, vector, ok);
      continue;
    }
    if (member->kind == J_NUMBER) snprintf(expected, sizeof expected, "%.0f", member->number);
    else snprintf(expected, sizeof expected, "%s", member->string ? member->string : "");
    if (!field_as_text(packet, name, actual, sizeof actual)) {
      printf("  %s: decoded packet has no field %s\n", vector, name);
      *ok = 0;
    } else if (strcmp(expected, actual) != 0) {
      printf("  %s: %s is %s, vector says %s\n", vector, name, actual, expected);
      *ok = 0;
    }
  }
}

/* Feeds wire bytes through the streaming receiver; returns how many bodies came out (last one in body). */
static int receive(const uint8_t *wire, size_t length, uint8_t *buffer, uint16_t capacity, uint16_t *body_length,
                   uint8_t *error) {
  pm_stream stream;
  pm_stream_init(&stream, buffer, capacity);
  int blocks = 0;
  *error = PM_OK;
  for (size_t i = 0; i < length; i++) {
    uint8_t result = pm_stream_push(&stream, wire[i], body_length, error);
    if (result != 0) blocks++;
    if (result == 2) return -blocks;
  }
  return blocks;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s golden-vectors.json\n", argv[0]);
    return 2;
  }
  json *root = load_vectors(argv[1]);
  if (!root) return 2;

  const json *crcs = json_get(root, "crc16");
  for (size_t i = 0; crcs && i < crcs->count; i++) {
    size_t n;
    uint8_t *data = hex_decode(json_get(&crcs->children[i], "hex")->string, &n);
    uint16_t want = (uint16_t)json_get(&crcs->children[i], "crc")->number;
    uint16_t got = pm_crc16(data, (uint16_t)n);
    char detail[64];
    snprintf(detail, sizeof detail, "got 0x%04x, want 0x%04x", got, want);
    check(got == want, "crc16", json_get(&crcs->children[i], "name")->string, detail);
    free(data);
  }

  const json *cobs = json_get(root, "cobs");
  for (size_t i = 0; cobs && i < cobs->count; i++) {
    const char *decoded_hex = json_get(&cobs->children[i], "decoded")->string;
    const char *encoded_hex = json_get(&cobs->children[i], "encoded")->string;
    size_t dn, en;
    uint8_t *decoded = hex_decode(decoded_hex, &dn);
    uint8_t *encoded = hex_decode(encoded_hex, &en);
    uint8_t out[600];
    char text[1300];
    uint16_t n = pm_cobs_encode(decoded, (uint16_t)dn, out, sizeof out);
    hex_encode(out, n, text);
    check(n > 0 && strcmp(text, encoded_hex) == 0, "cobs encode", decoded_hex, text);
    uint16_t back_length = 0;
    uint8_t result = pm_cobs_decode_in_place(encoded, (uint16_t)en, &back_length);
    hex_encode(encoded, result == PM_OK ? back_length : 0, text);
    check(result == PM_OK && strcmp(text, decoded_hex) == 0, "cobs decode", encoded_hex, text);
    free(decoded);
    free(encoded);
  }

  const json *packets = json_get(root, "packets");
  for (size_t i = 0; packets && i < packets->count; i++) {
    const json *vector = &packets->children[i];
    const char *name = json_get(vector, "name")->string;
    const char *wire_hex = json_get(vector, "wire")->string;
    size_t wire_length;
    uint8_t *wire = hex_decode(wire_hex, &wire_length);
    uint8_t buffer[1200];
    uint16_t body_length = 0;
    uint8_t error;
    int blocks = receive(wire, wire_length, buffer, sizeof buffer, &body_length, &error);
    pm_packet packet;
    pm_header header;
    uint8_t decoded = blocks == 1 ? pm_decode_body(buffer, body_length, PM_MAX_PAYLOAD, &packet, &header) : 255;
    int ok = decoded == PM_OK;
    if (!ok) printf("  %s: decode gave %s\n", name, decoded == 255 ? "no single block" : error_name(decoded));
    if (ok) {
      ok = packet.seq == (uint16_t)json_get(vector, "seq")->number && packet.prop == (uint8_t)json_get(vector, "prop")->number;
      compare_fields(json_get(vector, "message"), "", &packet, name, &ok);
      uint8_t scratch[1200], again[1300];
      char text[2700];
      uint16_t n = pm_encode_packet(&packet, scratch, sizeof scratch, again, sizeof again);
      hex_encode(again, n, text);
      if (strcmp(text, wire_hex) != 0) {
        printf("  %s: re-encoded as %s\n", name, text);
        ok = 0;
      }
    }
    check(ok, "packet", name, "see above");
    free(wire);
  }

  const json *invalid = json_get(root, "invalid");
  for (size_t i = 0; invalid && i < invalid->count; i++) {
    const json *vector = &invalid->children[i];
    const char *name = json_get(vector, "name")->string;
    const char *want = json_get(vector, "error")->string;
    size_t wire_length;
    uint8_t *wire = hex_decode(json_get(vector, "wire")->string, &wire_length);
    uint8_t buffer[1200];
    uint16_t body_length = 0;
    uint8_t error = PM_OK;
    int blocks = receive(wire, wire_length, buffer, sizeof buffer, &body_length, &error);
    if (blocks == 1) {
      pm_packet packet;
      error = pm_decode_body(buffer, body_length, PM_MAX_PAYLOAD, &packet, NULL);
    }
    char detail[96];
    snprintf(detail, sizeof detail, "refused with %s, want %s", error_name(error), want);
    check(strcmp(error_name(error), want) == 0, "invalid", name, detail);
    free(wire);
  }

  const json *programs = json_get(root, "programs");
  for (size_t i = 0; programs && i < programs->count; i++) {
    const json *vector = &programs->children[i];
    const char *name = json_get(vector, "name")->string;
    size_t length;
    uint8_t *image = hex_decode(json_get(vector, "image")->string, &length);
    pm_program_image program;
    int ok = pm_program_parse(image, (uint16_t)length, &program) == PM_OK;
    const json *samples = json_get(vector, "samples");
    for (size_t k = 0; ok && k < samples->count; k++) {
      const json *sample = &samples->children[k];
      int32_t elapsed = (int32_t)json_get(sample, "elapsedMs")->number;
      const json *rgb = json_get(sample, "rgb");
      const json *next = json_get(sample, "msToNext");
      uint8_t color[3];
      uint32_t until;
      pm_program_color_at(&program, elapsed, color, &until);
      uint32_t want_until = next->kind == J_NULL ? UINT32_MAX : (uint32_t)next->number;
      for (int c = 0; c < 3; c++) ok &= color[c] == (uint8_t)rgb->children[c].number;
      ok &= until == want_until;
      if (!ok) printf("  %s at %ld ms: %u,%u,%u for %lu ms\n", name, (long)elapsed, color[0], color[1], color[2], (unsigned long)until);
    }
    check(ok, "program", name, "see above");
    free(image);
  }
  const json *bad_programs = json_get(root, "invalidPrograms");
  for (size_t i = 0; bad_programs && i < bad_programs->count; i++) {
    size_t length;
    uint8_t *image = hex_decode(json_get(&bad_programs->children[i], "image")->string, &length);
    pm_program_image program;
    check(pm_program_parse(image, (uint16_t)length, &program) == PM_E_PROGRAM_INVALID, "invalid program",
          json_get(&bad_programs->children[i], "name")->string, "was accepted");
    free(image);
  }

  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 && passed > 0 ? 0 : 1;
}
