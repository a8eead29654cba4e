/* Program images: whole-prop colours held for a duration each (PROTOCOL.md, "PROGRAM"). */
#include "protocol.h"

uint8_t pm_program_parse(const uint8_t *image, uint16_t length, pm_program_image *out) {
  if (length < 4 || image[0] != PM_PROGRAM_IMAGE_FORMAT) return PM_E_PROGRAM_INVALID;
  uint16_t steps = (uint16_t)(image[2] | ((uint16_t)image[3] << 8));
  if (steps == 0 || (uint32_t)length != 4u + 5u * (uint32_t)steps) return PM_E_PROGRAM_INVALID;
  uint32_t total = 0;
  for (uint16_t i = 0; i < steps; i++) {
    const uint8_t *step = image + 4 + 5u * i;
    uint16_t duration = (uint16_t)(step[0] | ((uint16_t)step[1] << 8));
    if (duration == 0) return PM_E_PROGRAM_INVALID;
    total += duration;
  }
  out->image = image;
  out->step_count = steps;
  out->loop = image[1] & 1u;
  out->total_ms = total;
  return PM_OK;
}

void pm_program_color_at(const pm_program_image *program, int32_t elapsed_ms, uint8_t rgb[3], uint32_t *ms_to_next) {
  rgb[0] = rgb[1] = rgb[2] = 0;
  if (elapsed_ms < 0) {
    *ms_to_next = (uint32_t)(-elapsed_ms);
    return;
  }
  uint32_t position = (uint32_t)elapsed_ms;
  if (position >= program->total_ms) {
    if (!program->loop) {
      *ms_to_next = UINT32_MAX;
      return;
    }
    position %= program->total_ms;
  }
  for (uint16_t i = 0; i < program->step_count; i++) {
    const uint8_t *step = program->image + 4 + 5u * i;
    uint16_t duration = (uint16_t)(step[0] | ((uint16_t)step[1] << 8));
    if (position < duration) {
      rgb[0] = step[2];
      rgb[1] = step[3];
      rgb[2] = step[4];
      *ms_to_next = duration - position;
      return;
    }
    position -= duration;
  }
  *ms_to_next = UINT32_MAX;
}
