import { z } from 'zod';
import { RgbSchema } from '../color.js';
import { PixelSelectionSchema } from './pixels.js';

const SecondsSchema = z
  .number()
  .finite()
  .min(0)
  .max(24 * 3600);
const PositiveSeconds = z.number().finite().positive().max(3600);
const Fraction = z.number().finite().min(0).max(1);

/** What a segment shows; the parameters of each kind are checked here, so a bad effect never reaches a prop. */
export const SolidLookSchema = z.object({ kind: z.literal('solid'), color: RgbSchema }).strict();

export const FadeLookSchema = z.object({ kind: z.literal('fade'), from: RgbSchema, to: RgbSchema }).strict();

export const StrobeLookSchema = z
  .object({
    kind: z.literal('strobe'),
    color: RgbSchema,
    offColor: RgbSchema.default([0, 0, 0]),
    /** Flashes per second. */
    rateHz: z.number().finite().positive().max(50),
    /** Fraction of each period the colour is on. */
    duty: z.number().finite().gt(0).lt(1).default(0.5),
  })
  .strict();

export const PulseLookSchema = z
  .object({
    kind: z.literal('pulse'),
    color: RgbSchema,
    /** Pulse on every beat, or on every bar's downbeat, of the show's beat grid. */
    every: z.enum(['beat', 'bar']).default('beat'),
    /** Seconds for the flash to fall to about a third of its brightness. */
    decay: PositiveSeconds.default(0.15),
    baseColor: RgbSchema.default([0, 0, 0]),
  })
  .strict();

export const RainbowLookSchema = z
  .object({
    kind: z.literal('rainbow'),
    /** Seconds for one trip round the colour wheel. */
    period: PositiveSeconds.default(2),
    /** Degrees of hue between neighbouring pixels. */
    spread: z.number().finite().min(0).max(360).default(30),
    saturation: Fraction.default(1),
    brightness: Fraction.default(1),
  })
  .strict();

export const ChaseLookSchema = z
  .object({
    kind: z.literal('chase'),
    color: RgbSchema,
    background: RgbSchema.default([0, 0, 0]),
    /** Pixels per second the lit run moves. */
    speed: z.number().finite().positive().max(1000).default(8),
    /** Lit pixels in the run. */
    width: z.number().int().min(1).max(512).default(1),
  })
  .strict();

export const SparkleLookSchema = z
  .object({
    kind: z.literal('sparkle'),
    color: RgbSchema,
    background: RgbSchema.default([0, 0, 0]),
    /** Chance that a pixel is lit in each twinkle. */
    density: Fraction.default(0.3),
    /** Twinkles per second. */
    rateHz: z.number().finite().positive().max(50).default(10),
    seed: z.number().int().min(0).max(0xffffffff).default(1),
  })
  .strict();

export const LookSchema = z.discriminatedUnion('kind', [
  SolidLookSchema,
  FadeLookSchema,
  StrobeLookSchema,
  PulseLookSchema,
  RainbowLookSchema,
  ChaseLookSchema,
  SparkleLookSchema,
]);
export type Look = z.infer<typeof LookSchema>;
export type LookInput = z.input<typeof LookSchema>;
export type LookKind = Look['kind'];
export const EFFECT_KINDS = ['strobe', 'pulse', 'rainbow', 'chase', 'sparkle'] as const;

/** A stretch of one prop's timeline, [start, end) in show seconds. */
export const SegmentSchema = z
  .object({
    id: z.string().min(1).max(64),
    start: SecondsSchema,
    end: SecondsSchema,
    look: LookSchema,
    pixels: PixelSelectionSchema.optional(),
  })
  .strict()
  .refine((segment) => segment.end > segment.start, {
    message: 'end must be after start',
    path: ['end'],
  });
export type Segment = z.infer<typeof SegmentSchema>;

export { SecondsSchema };
