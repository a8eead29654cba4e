import { z } from 'zod';
import { ColorOrderSchema, RgbSchema } from '../color.js';
import { MAX_PIXELS_PER_PROP } from './pixels.js';
import { SegmentSchema } from './segment.js';

export const PropIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, 'prop ids use letters, digits, "_", "." and "-"');

/** Which kind of link drives a prop, and its address on that link (port path, IP, board pin set …). */
export const PropLinkRefSchema = z
  .object({
    kind: z.enum(['virtual', 'serial', 'ltx', 'firmata']),
    address: z.string().max(256).optional(),
    /** Index of this prop on a link that carries several (a dongle with many props). */
    channel: z.number().int().min(0).max(255).optional(),
  })
  .strict();
export type PropLinkRef = z.infer<typeof PropLinkRefSchema>;

export const PropSchema = z
  .object({
    id: PropIdSchema,
    name: z.string().min(1).max(100),
    pixelCount: z.number().int().min(1).max(MAX_PIXELS_PER_PROP),
    colorOrder: ColorOrderSchema.default('rgb'),
    link: PropLinkRefSchema.default({ kind: 'virtual' }),
    /** What the prop shows where its timeline has no segment. */
    defaultColor: RgbSchema.default([0, 0, 0]),
    /** Sorted by start; no two overlap. */
    segments: z.array(SegmentSchema),
  })
  .strict();
export type Prop = z.infer<typeof PropSchema>;
