/* Fuzzes the firmware's decoders with random and mutated inputs (seeded, so a failure replays). Built
 * with -fsanitize=address,undefined: any out-of-bounds read or write aborts. Every input sits in a buffer
 * of exactly its size so a read one past the end is caught. An accepted body must re-encode to itself.
 * usage: fuzz_test golden-vectors.json [inputs] [seed] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vectors.h"

static uint32_t state;
static uint32_t next(void) {
  state ^= state << 13;
  state ^= state >> 17;
  state ^= state << 5;
  return state;
}
static uint32_t below(uint32_t limit) { return limit ? next() % limit : 0; }

/* One mutation in place; returns the new length (buffer has room for length + 64). */
static size_t mutate(uint8_t *bytes, size_t length) {
  size_t at = length ? below((uint32_t)length) : 0;
  switch (below(7)) {
  case 0: if (length) bytes[at] ^= (uint8_t)(1u << below(8)); break;
  case 1: if (length) bytes[at] = (uint8_t)next(); break;
  case 2: memmove(bytes + at + 1, bytes + at, length - at); bytes[at] = (uint8_t)next(); length++; break;
  case 3: { size_t n = 1 + below(4); if (at + n > length) n = length - at; memmove(bytes + at, bytes + at + n, length - at - n); length -= n; break; }
  case 4: length = at; break;
  case 5: { /* duplicate a slice somewhere else */
    uint8_t slice[32];
    size_t from = below((uint32_t)length + 1), n = below(32);
    if (from + n > length) n = length - from;
    memcpy(slice, bytes + from, n);
    memmove(bytes + at + n, bytes + at, length - at);
    memcpy(bytes + at, slice, n);
    length += n;
    break;
  }
  default: if (length) bytes[at] = 0;
  }
  return length;
}

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: %s golden-vectors.json [inputs] [seed]\n", argv[0]); return 2; }
  long inputs = argc > 2 ? atol(argv[2]) : 100000;
  state = argc > 3 ? (uint32_t)strtoul(argv[3], NULL, 0) : 0xC0FFEEu;
  json *root = load_vectors(argv[1]);
  if (!root) return 2;
  const json *packets = json_get(root, "packets");
  size_t seed_count = packets->count;
  uint8_t **seeds = calloc(seed_count, sizeof *seeds);
  size_t *seed_lengths = calloc(seed_count, sizeof *seed_lengths);
  for (size_t i = 0; i < seed_count; i++) seeds[i] = hex_decode(json_get(&packets->children[i], "wire")->string, &seed_lengths[i]);

  /* The firmware's own receive buffer size and payload limit, and the protocol's. */
  static uint8_t small_buffer[200], large_buffer[1200];
  pm_stream small, large;
  pm_stream_init(&small, small_buffer, sizeof small_buffer);
  pm_stream_init(&large, large_buffer, sizeof large_buffer);
  /* A third receiver, checked block by block against the whole-block decoder: same bodies, same refusals. */
  static uint8_t check_buffer[1200];
  pm_stream check;
  pm_stream_init(&check, check_buffer, sizeof check_buffer);
  long accepted = 0, refused = 0, mismatches = 0, compared = 0;
  static uint8_t work[4096];
  for (long round = 0; round < inputs; round++) {
    size_t length;
    if (round % 4 == 0) {
      length = below(300);
      for (size_t i = 0; i < length; i++) work[i] = (uint8_t)next();
    } else {
      size_t pick = below((uint32_t)seed_count);
      length = seed_lengths[pick];
      memcpy(work, seeds[pick], length);
      length = mutate(work, length);
      if (round % 4 != 1) length = mutate(work, length);
    }
    uint8_t *input = malloc(length ? length : 1);
    memcpy(input, work, length);

    pm_packet packet;
    pm_header header;
    uint8_t result = pm_decode_body(input, (uint16_t)length, PM_MAX_PAYLOAD, &packet, &header);
    if (result == PM_OK) {
      uint8_t again[1200];
      uint16_t n = pm_encode_body(&packet, again, sizeof again);
      if (n != length || memcmp(again, input, length) != 0) {
        mismatches++;
        printf("round %ld: accepted body does not re-encode to itself\n", round);
      }
    }
    for (size_t i = 0; i < length; i++) {
      uint16_t body_length;
      uint8_t error;
      if (pm_stream_push(&large, input[i], &body_length, &error) == 1) {
        uint8_t *body = malloc(body_length ? body_length : 1);
        memcpy(body, large_buffer, body_length);
        if (pm_decode_body(body, body_length, PM_MAX_PAYLOAD, &packet, &header) == PM_OK) accepted++;
        else refused++;
        free(body);
      }
      if (pm_stream_push(&small, input[i], &body_length, &error) == 1)
        (void)pm_decode_body(small_buffer, body_length, 160, &packet, &header);
    }
    size_t block_start = 0;
    pm_stream_init(&check, check_buffer, sizeof check_buffer); /* each input on its own */
    for (size_t i = 0; i < length; i++) {
      uint16_t body_length = 0;
      uint8_t error = PM_OK;
      uint8_t result = pm_stream_push(&check, input[i], &body_length, &error);
      if (input[i] != 0) continue;
      size_t block_length = i - block_start;
      uint8_t *block = malloc(block_length ? block_length : 1);
      memcpy(block, input + block_start, block_length);
      uint16_t whole_length = 0;
      uint8_t whole = block_length ? pm_cobs_decode_in_place(block, (uint16_t)block_length, &whole_length) : PM_OK;
      int same = block_length == 0 ? result == 0
                 : whole == PM_OK ? result == 1 && body_length == whole_length && memcmp(block, check_buffer, whole_length) == 0
                                  : result == 2 && error == whole;
      if (!same) {
        mismatches++;
        printf("round %ld: streaming and whole-block COBS disagree on a %zu-byte block\n", round, block_length);
      }
      compared++;
      free(block);
      block_start = i + 1;
    }
    if (length >= 4) {
      pm_program_image image;
      if (pm_program_parse(input, (uint16_t)length, &image) == PM_OK) {
        uint8_t rgb[3];
        uint32_t until;
        pm_program_color_at(&image, (int32_t)next(), rgb, &until);
      }
    }
    free(input);
  }
  printf("%ld inputs, %ld packets accepted, %ld refused, %ld blocks compared with the whole-block decoder\n", inputs,
         accepted, refused, compared);
  int ok = mismatches == 0 && accepted > 100 && refused > 10000;
  printf("%d passed, %d failed\n", ok ? 1 : 0, ok ? 0 : 1);
  return ok ? 0 : 1;
}
