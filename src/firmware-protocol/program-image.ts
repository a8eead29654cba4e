// The program a prop plays on its own when the link drops: whole-prop colours held for a duration each,
// optionally looping, timed from the show start the host armed. Layout (little-endian):
//   format u8 (= 1), flags u8 (bit 0: loop), stepCount u16, then per step: durationMs u16, r, g, b.

import type { DecodeResult } from './errors.js';
import { fault, ok, ProtocolEncodeError } from './errors.js';
import { ByteReader, ByteWriter } from './bytes.js';

export const PROGRAM_IMAGE_FORMAT = 1;
const HEADER_BYTES = 4;
const STEP_BYTES = 5;

export interface ProgramStep {
  readonly durationMs: number;
  readonly rgb: readonly [number, number, number];
}

export interface ProgramImage {
  readonly loop: boolean;
  readonly steps: readonly ProgramStep[];
}

export function encodeProgramImage(image: ProgramImage): Uint8Array {
  if (image.steps.length === 0) throw new ProtocolEncodeError('a program image needs at least one step');
  const writer = new ByteWriter(HEADER_BYTES + STEP_BYTES * image.steps.length)
    .u8(PROGRAM_IMAGE_FORMAT, 'image.format')
    .u8(image.loop ? 1 : 0, 'image.flags')
    .u16(image.steps.length, 'image.stepCount');
  image.steps.forEach((step, index) => {
    if (step.durationMs === 0) throw new ProtocolEncodeError(`program step ${index} has zero duration`);
    writer
      .u16(step.durationMs, `image.steps[${index}].durationMs`)
      .u8(step.rgb[0], `image.steps[${index}].r`)
      .u8(step.rgb[1], `image.steps[${index}].g`)
      .u8(step.rgb[2], `image.steps[${index}].b`);
  });
  return writer.finish();
}

export function decodeProgramImage(bytes: Uint8Array): DecodeResult<ProgramImage> {
  if (bytes.length < HEADER_BYTES)
    return fault('programInvalid', `program image is ${bytes.length} bytes, shorter than its header`);
  const reader = new ByteReader(bytes);
  const format = reader.u8();
  const flags = reader.u8();
  const stepCount = reader.u16();
  if (format !== PROGRAM_IMAGE_FORMAT)
    return fault('programInvalid', `program image format ${format} is not ${PROGRAM_IMAGE_FORMAT}`);
  if (stepCount === 0) return fault('programInvalid', 'program image has no steps');
  if (bytes.length !== HEADER_BYTES + STEP_BYTES * stepCount) {
    return fault(
      'programInvalid',
      `program image of ${stepCount} steps must be ${HEADER_BYTES + STEP_BYTES * stepCount} bytes, got ${bytes.length}`,
    );
  }
  const steps: ProgramStep[] = [];
  for (let index = 0; index < stepCount; index += 1) {
    const durationMs = reader.u16();
    if (durationMs === 0) return fault('programInvalid', `program step ${index} has zero duration`);
    steps.push({ durationMs, rgb: [reader.u8(), reader.u8(), reader.u8()] });
  }
  return ok({ loop: (flags & 1) === 1, steps });
}

/** What a program shows `elapsedMs` after the show start, and for how many more ms (null: for ever).
 * Black before the start and after the end of a program that does not loop. */
export function programStepAt(
  image: ProgramImage,
  elapsedMs: number,
): { readonly rgb: readonly [number, number, number]; readonly msToNext: number | null } {
  if (elapsedMs < 0) return { rgb: [0, 0, 0], msToNext: -elapsedMs };
  const total = image.steps.reduce((sum, step) => sum + step.durationMs, 0);
  let position = elapsedMs;
  if (position >= total) {
    if (!image.loop) return { rgb: [0, 0, 0], msToNext: null };
    position %= total;
  }
  for (const step of image.steps) {
    if (position < step.durationMs) return { rgb: step.rgb, msToNext: step.durationMs - position };
    position -= step.durationMs;
  }
  return { rgb: [0, 0, 0], msToNext: null };
}

/** The colour a program shows `elapsedMs` after the show start. */
export function programColorAt(image: ProgramImage, elapsedMs: number): readonly [number, number, number] {
  return programStepAt(image, elapsedMs).rgb;
}
