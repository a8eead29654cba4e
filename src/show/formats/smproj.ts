// The seed editor's (Sequence Maker's) project file, .smproj: see smproj.md beside this file.
import { z } from 'zod';
import { parseJsonText } from './format-error.js';

const Channel = z.number().finite().min(0).max(255);
export const SmprojColorSchema = z.tuple([Channel, Channel, Channel]);
const Seconds = z
  .number()
  .finite()
  .min(0)
  .max(24 * 3600);

export const SmprojEffectSchema = z.looseObject({
  type: z.string(),
  parameters: z.record(z.string(), z.unknown()).default({}),
});

export const SmprojSegmentSchema = z
  .looseObject({
    startTime: Seconds,
    endTime: Seconds,
    /** The colour of a solid, or where a fade starts. */
    color: SmprojColorSchema,
    endColor: SmprojColorSchema.nullish(),
    segment_type: z.enum(['solid', 'fade']).optional(),
    pixels: z.number().int().min(1).max(512).optional(),
    effects: z.array(SmprojEffectSchema).default([]),
  })
  .refine((segment) => segment.endTime >= segment.startTime, {
    message: 'endTime is before startTime',
    path: ['endTime'],
  });
export type SmprojSegment = z.infer<typeof SmprojSegmentSchema>;

export const SmprojTimelineSchema = z.looseObject({
  name: z.string(),
  defaultPixels: z.number().int().min(1).max(512).default(4),
  segments: z.array(SmprojSegmentSchema),
});

export const SmprojSchema = z.looseObject({
  metadata: z.looseObject({ name: z.string().default('Untitled Project') }),
  settings: z.looseObject({
    defaultPixels: z.number().int().min(1).max(512).default(4),
    refreshRate: z.number().int().min(1).max(1000).default(100),
    totalDuration: Seconds.default(0),
  }),
  timelines: z.array(SmprojTimelineSchema),
  audio: z
    .looseObject({
      filepath: z.string().nullish(),
      filename: z.string().nullish(),
      duration: z.number().finite().min(0).nullish(),
    })
    .nullish(),
  lyrics: z
    .looseObject({
      song_name: z.string().nullish(),
      artist_name: z.string().nullish(),
      word_timestamps: z.array(z.looseObject({ word: z.string(), start: Seconds, end: Seconds })).default([]),
    })
    .nullish(),
});
export type Smproj = z.infer<typeof SmprojSchema>;

/** The JSON value of a .smproj file's text. */
export function parseSmprojText(text: string): unknown {
  return parseJsonText(text, 'the .smproj file');
}
