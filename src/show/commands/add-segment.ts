import { z } from 'zod';
import { defineCommand } from './command-definition.js';
import { LabelSchema, PropRefSchema, SegmentContentShape } from './command-fields.js';

export const addSegment = defineCommand({
  type: 'addSegment',
  description:
    'Put a solid, fade or effect segment on one prop over [start, end), overwriting what was there.',
  offered: true,
  schema: z
    .object({
      type: z.literal('addSegment'),
      propId: PropRefSchema,
      ...SegmentContentShape,
      label: LabelSchema,
    })
    .strict(),
  execute(session, command) {
    session.write(command.propId, command, 'end');
  },
  label: (command) => `${command.look.kind} on ${command.propId} ${command.start}–${command.end}s`,
});
