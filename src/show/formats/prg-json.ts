// PRG-JSON, the seed editor's (Sequence Maker's) text form of a ball program: see prg-json.md.
import { z } from 'zod';
import { describeZodError, FormatError, parseJsonText } from './format-error.js';
import { PRG_MAX_PIXELS, PRG_MAX_PROGRAM_SECONDS, PRG_MAX_REFRESH_RATE } from './prg-program.js';

const Triple = z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]);

export const PrgJsonEntrySchema = z
  .object({
    color: Triple.optional(),
    start_color: Triple.optional(),
    end_color: Triple.optional(),
    pixels: z.number().int().min(1).max(PRG_MAX_PIXELS).optional(),
  })
  .superRefine((entry, context) => {
    const fade = entry.start_color !== undefined || entry.end_color !== undefined;
    if (entry.color !== undefined && fade) {
      context.addIssue({
        code: 'custom',
        message: 'give either color or start_color/end_color, not both',
        path: [],
      });
    } else if (fade && (entry.start_color === undefined || entry.end_color === undefined)) {
      const missing = entry.start_color === undefined ? 'start_color' : 'end_color';
      context.addIssue({
        code: 'custom',
        message: 'a fade needs both start_color and end_color',
        path: [missing],
      });
    } else if (!fade && entry.color === undefined) {
      context.addIssue({ code: 'custom', message: 'needs color, or start_color and end_color', path: [] });
    }
  });
export type PrgJsonEntry = z.infer<typeof PrgJsonEntrySchema>;

/** A start time in 1/refresh_rate units: a whole or decimal number, as the seed editor writes keys. */
const TIME_KEY = /^\d+(\.\d+)?$/;

export const PrgJsonSchema = z
  .object({
    default_pixels: z.number().int().min(1).max(PRG_MAX_PIXELS).default(1),
    color_format: z.enum(['rgb', 'hsv']).default('rgb'),
    /** Frames per second, and the unit of the sequence keys and of end_time. */
    refresh_rate: z.number().int().min(1).max(PRG_MAX_REFRESH_RATE),
    end_time: z.number().finite().min(0),
    sequence: z
      .record(
        z.string().regex(TIME_KEY, 'sequence keys are start times in 1/refresh_rate units, e.g. "150"'),
        PrgJsonEntrySchema,
      )
      .refine((sequence) => Object.keys(sequence).length > 0, 'needs at least one entry'),
    /** This project's addition: the .prg trailer value, so a file converted to PRG-JSON and back is identical. */
    bt: z.number().int().min(0).max(0xffffffff).optional(),
  })
  .superRefine((json, context) => {
    if (json.end_time / json.refresh_rate > PRG_MAX_PROGRAM_SECONDS) {
      const hours = (json.end_time / json.refresh_rate / 3600).toFixed(1);
      context.addIssue({
        code: 'custom',
        message: `${hours} h is longer than the 24 h supported`,
        path: ['end_time'],
      });
    }
    for (const [key, entry] of Object.entries(json.sequence)) {
      if (Number(key) > json.end_time) {
        context.addIssue({
          code: 'custom',
          message: `starts after end_time ${json.end_time}`,
          path: ['sequence', key],
        });
      }
      for (const field of ['color', 'start_color', 'end_color'] as const) {
        const problem = colorProblem(entry[field], json.color_format);
        if (problem) context.addIssue({ code: 'custom', message: problem, path: ['sequence', key, field] });
      }
    }
  });
export type PrgJson = z.infer<typeof PrgJsonSchema>;
export type PrgJsonInput = z.input<typeof PrgJsonSchema>;

function colorProblem(color: readonly number[] | undefined, format: 'rgb' | 'hsv'): string | null {
  if (color === undefined) return null;
  if (format === 'rgb') {
    return color.every((channel) => Number.isInteger(channel) && channel >= 0 && channel <= 255)
      ? null
      : `rgb colours are three whole numbers 0..255, got [${color.join(', ')}]`;
  }
  const [hue, saturation, value] = color as [number, number, number];
  return hue >= 0 && hue <= 360 && saturation >= 0 && saturation <= 100 && value >= 0 && value <= 100
    ? null
    : `hsv colours are [hue 0..360, saturation 0..100, value 0..100], got [${color.join(', ')}]`;
}

/** Checks a parsed JSON value as PRG-JSON; a FormatError names the first bad field. */
export function parsePrgJson(value: unknown): PrgJson {
  const parsed = PrgJsonSchema.safeParse(value);
  if (!parsed.success) throw new FormatError(describeZodError(parsed.error));
  return parsed.data;
}

/** PRG-JSON from the text of a .prg.json file. */
export function parsePrgJsonText(text: string): PrgJson {
  return parsePrgJson(parseJsonText(text, 'the PRG-JSON file'));
}
