import { z } from 'zod';
import { defineCommand } from './command-definition.js';
import { LabelSchema, PropRefSchema } from './command-fields.js';

export const deleteSegment = defineCommand({
  type: 'deleteSegment',
  description: 'Remove one segment from a prop; the prop shows its default colour there.',
  offered: true,
  schema: z
    .object({
      type: z.literal('deleteSegment'),
      propId: PropRefSchema,
      segmentId: z.string().min(1),
      label: LabelSchema,
    })
    .strict(),
  execute(session, command) {
    session.remove(command.propId, command.segmentId, 'segmentId');
  },
  label: (command) => `delete ${command.segmentId} on ${command.propId}`,
});
