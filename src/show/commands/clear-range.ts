import { z } from 'zod';
import { CommandRefusal } from './command-error.js';
import { defineCommand } from './command-definition.js';
import { LabelSchema, PropListSchema, TimeSchema } from './command-fields.js';

export const clearRange = defineCommand({
  type: 'clearRange',
  description:
    'Empty [start, end) on some props (all props when propIds is omitted), trimming segments at its edges.',
  offered: true,
  schema: z
    .object({
      type: z.literal('clearRange'),
      propIds: PropListSchema.optional(),
      start: TimeSchema,
      end: TimeSchema,
      label: LabelSchema,
    })
    .strict(),
  execute(session, command) {
    if (!(command.end > command.start)) {
      throw new CommandRefusal('end', `end (${command.end}s) must be after start (${command.start}s)`);
    }
    const propIds = command.propIds ?? session.propIds();
    propIds.forEach((propId, index) => {
      session.prop(propId, `propIds.${index}`);
      session.clear(propId, command.start, command.end);
    });
  },
  label: (command) => `clear ${command.start}–${command.end}s`,
});
