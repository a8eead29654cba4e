import { z } from 'zod';
import { PropSchema } from '../model/prop.js';
import { SegmentSchema } from '../model/segment.js';
import {
  AudioRefSchema,
  BeatGridSchema,
  CuePointSchema,
  LyricWordSchema,
  SectionSchema,
} from '../model/show.js';

/** Show-level fields a command may set; `audio: null` removes the song. */
export const ShowFieldsSchema = z
  .object({
    name: z.string().min(1).max(200),
    duration: z
      .number()
      .finite()
      .positive()
      .max(24 * 3600),
    frameRate: z.number().int().min(1).max(1000),
    audio: AudioRefSchema.nullable(),
    beatGrid: BeatGridSchema,
    sections: z.array(SectionSchema),
    lyrics: z.array(LyricWordSchema),
    cues: z.array(CuePointSchema),
  })
  .partial()
  .strict();
export type ShowFields = z.infer<typeof ShowFieldsSchema>;

/**
 * The inverse that every command produces: put segments, props and fields back exactly as they were.
 * It is an ordinary command of the table (stored in checkpoints, validated like any other), but it is not
 * offered to people or to the assistant.
 */
export const RestoreCommandSchema = z
  .object({
    type: z.literal('restore'),
    timelines: z
      .array(
        z
          .object({
            propId: z.string(),
            removeIds: z.array(z.string()),
            insert: z.array(SegmentSchema),
          })
          .strict(),
      )
      .optional(),
    props: z
      .object({ order: z.array(z.string()), replace: z.array(PropSchema) })
      .strict()
      .optional(),
    /** Props whose own fields (name, pixel count, default colour …) go back, their segments untouched. */
    propFields: z
      .array(z.object({ propId: z.string(), fields: PropSchema.omit({ segments: true }) }).strict())
      .optional(),
    fields: ShowFieldsSchema.optional(),
    nextSegmentNumber: z.number().int().min(1),
  })
  .strict();
export type RestoreCommand = z.infer<typeof RestoreCommandSchema>;
