import { z } from 'zod';
import type { Segment } from '../model/segment.js';
import { CommandRefusal } from './command-error.js';
import { defineCommand } from './command-definition.js';
import { LabelSchema, PropListSchema, TimeSchema } from './command-fields.js';

export const shiftRange = defineCommand({
  type: 'shift',
  description:
    'Move every segment that starts in [start, end) by `by` seconds (negative moves earlier) on some props (all when omitted); the destination is overwritten.',
  offered: true,
  schema: z
    .object({
      type: z.literal('shift'),
      propIds: PropListSchema.optional(),
      start: TimeSchema,
      end: TimeSchema.optional().describe('end of the range; the end of the show when omitted'),
      by: z
        .number()
        .finite()
        .min(-86400)
        .max(86400)
        .refine((by) => by !== 0, 'by must not be 0'),
      label: LabelSchema,
    })
    .strict(),
  execute(session, command) {
    const end = command.end ?? Number.POSITIVE_INFINITY;
    const propIds = command.propIds ?? session.propIds();
    propIds.forEach((propId, index) => {
      const moving = session
        .prop(propId, `propIds.${index}`)
        .segments.filter((segment) => segment.start >= command.start && segment.start < end);
      if (moving.some((segment) => segment.start + command.by < 0)) {
        throw new CommandRefusal(
          'by',
          `shifting by ${command.by}s would move segments before the show starts`,
        );
      }
      moving.forEach((segment: Segment) => session.remove(propId, segment.id, 'start'));
      for (const segment of moving) {
        session.write(
          propId,
          {
            start: segment.start + command.by,
            end: segment.end + command.by,
            look: segment.look,
            pixels: segment.pixels,
          },
          'by',
          segment.id,
        );
      }
    });
  },
  label: (command) => `shift ${command.by > 0 ? '+' : ''}${command.by}s from ${command.start}s`,
});
