import { z } from 'zod';
import { PropSchema } from './prop.js';
import { SecondsSchema } from './segment.js';
import { timelineProblem } from './timeline-invariant.js';

export const SHOW_SCHEMA_VERSION = 1;

export const AudioRefSchema = z
  .object({
    file: z.string().min(1).max(1024),
    /** sha256 of the file's bytes, hex. */
    contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'contentHash is a sha256 in hex'),
    duration: z.number().finite().positive(),
  })
  .strict();
export type AudioRef = z.infer<typeof AudioRefSchema>;

/** Beat times from analysis (or a tempo typed in): what pulse effects and beat-grid patterns follow. */
export const BeatGridSchema = z
  .object({
    beats: z.array(SecondsSchema),
    downbeats: z.array(SecondsSchema),
    bpm: z.number().finite().positive().max(400).optional(),
  })
  .strict()
  .refine(
    (grid) => isSorted(grid.beats) && isSorted(grid.downbeats),
    'beats and downbeats must be ascending',
  );
export type BeatGrid = z.infer<typeof BeatGridSchema>;

export const SectionSchema = z
  .object({
    start: SecondsSchema,
    end: SecondsSchema,
    label: z.string().max(64),
    energy: z.number().min(0).max(1),
  })
  .strict();
export type Section = z.infer<typeof SectionSchema>;

export const LyricWordSchema = z
  .object({ word: z.string().max(100), start: SecondsSchema, end: SecondsSchema })
  .strict();
export type LyricWord = z.infer<typeof LyricWordSchema>;

export const CuePointSchema = z
  .object({ id: z.string().min(1).max(64), name: z.string().max(100), time: SecondsSchema })
  .strict();
export type CuePoint = z.infer<typeof CuePointSchema>;

export const ShowSchema = z
  .object({
    schemaVersion: z.literal(SHOW_SCHEMA_VERSION),
    id: z.string().min(1).max(64),
    name: z.string().min(1).max(200),
    /** Length of the show in seconds (the song's, or the last segment's end when there is no song). */
    duration: z
      .number()
      .finite()
      .positive()
      .max(24 * 3600),
    /** Frames per second that props are driven at and that segment boundaries snap to. */
    frameRate: z.number().int().min(1).max(1000).default(100),
    audio: AudioRefSchema.optional(),
    beatGrid: BeatGridSchema.default({ beats: [], downbeats: [] }),
    sections: z.array(SectionSchema).default([]),
    lyrics: z.array(LyricWordSchema).default([]),
    cues: z.array(CuePointSchema).default([]),
    props: z.array(PropSchema),
    /** Counter behind generated segment ids, kept in the show so that applying a command stays pure. */
    nextSegmentNumber: z.number().int().min(1).default(1),
  })
  .strict()
  .superRefine((show, context) => {
    const seen = new Set<string>();
    show.props.forEach((prop, propIndex) => {
      if (seen.has(prop.id)) {
        context.addIssue({
          code: 'custom',
          message: `duplicate prop id "${prop.id}"`,
          path: ['props', propIndex, 'id'],
        });
      }
      seen.add(prop.id);
      const problem = timelineProblem(prop.segments);
      if (problem) {
        context.addIssue({
          code: 'custom',
          message: problem.message,
          path: ['props', propIndex, 'segments', problem.index],
        });
      }
    });
  })
  // Segment ids are `s<n>` from this counter: a show written elsewhere (an import, an older file) may
  // already use ids past it, so the counter always starts above the highest such id.
  .transform((show) => {
    const next = firstFreeSegmentNumber(show.props);
    return next > show.nextSegmentNumber ? { ...show, nextSegmentNumber: next } : show;
  });
export type Show = z.infer<typeof ShowSchema>;
export type ShowInput = z.input<typeof ShowSchema>;

function firstFreeSegmentNumber(props: readonly { segments: readonly { id: string }[] }[]): number {
  let highest = 0;
  for (const prop of props) {
    for (const segment of prop.segments) {
      const match = /^s(\d+)$/.exec(segment.id);
      if (match) highest = Math.max(highest, Number(match[1]));
    }
  }
  return highest + 1;
}

function isSorted(values: readonly number[]): boolean {
  for (let i = 1; i < values.length; i++) if ((values[i] as number) < (values[i - 1] as number)) return false;
  return true;
}
