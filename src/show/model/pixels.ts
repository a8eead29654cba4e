import { z } from 'zod';

/** Largest prop this project drives: LTX balls have 1–4 pixels, clubs and poi a few dozen. */
export const MAX_PIXELS_PER_PROP = 512;

/**
 * Which of a prop's pixels a segment lights: the first `count`, or the listed indices. Pixels the segment
 * does not light are black while it plays; segments never overlap, so nothing shows through.
 */
export const PixelSelectionSchema = z.union([
  z.object({ count: z.number().int().min(1).max(MAX_PIXELS_PER_PROP) }).strict(),
  z
    .object({
      mask: z
        .array(
          z
            .number()
            .int()
            .min(0)
            .max(MAX_PIXELS_PER_PROP - 1),
        )
        .min(1)
        .refine((mask) => new Set(mask).size === mask.length, 'pixel indices in a mask must be unique'),
    })
    .strict(),
]);
export type PixelSelection = z.infer<typeof PixelSelectionSchema>;

/** Whether pixel `index` is lit by a segment with this selection (all pixels when there is none). */
export function pixelSelected(selection: PixelSelection | undefined, index: number): boolean {
  if (selection === undefined) return true;
  if ('count' in selection) return index < selection.count;
  return selection.mask.includes(index);
}
