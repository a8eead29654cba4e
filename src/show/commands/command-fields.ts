import { z } from 'zod';
import { PropIdSchema } from '../model/prop.js';
import { LookSchema } from '../model/segment.js';
import { PixelSelectionSchema } from '../model/pixels.js';

/** Fields many commands share, described so that a model reading the JSON schema knows what they mean. */
export const TimeSchema = z
  .number()
  .finite()
  .min(0)
  .max(24 * 3600)
  .describe('show time in seconds');
export const PropRefSchema = PropIdSchema.describe('id of the prop');
export const PropListSchema = z.array(PropIdSchema).min(1).max(256).describe('ids of the props');
export const SegmentContentShape = {
  start: TimeSchema.describe('start, seconds of show time'),
  end: TimeSchema.describe('end, seconds of show time (exclusive)'),
  look: LookSchema,
  pixels: PixelSelectionSchema.optional().describe('which pixels it lights; all when omitted'),
};
export const LabelSchema = z.string().max(200).optional().describe('a few words for the history list');
