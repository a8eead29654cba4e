import { z } from 'zod';
import { defineCommand } from './command-definition.js';
import { LabelSchema, PropRefSchema, TimeSchema } from './command-fields.js';

export const moveSegment = defineCommand({
  type: 'moveSegment',
  description: 'Move a segment to a new start time, optionally onto another prop, keeping its length.',
  offered: true,
  schema: z
    .object({
      type: z.literal('moveSegment'),
      propId: PropRefSchema,
      segmentId: z.string().min(1),
      start: TimeSchema.describe('new start, seconds'),
      toPropId: PropRefSchema.optional().describe('prop to move it to; the same prop when omitted'),
      label: LabelSchema,
    })
    .strict(),
  execute(session, command) {
    const target = command.toPropId ?? command.propId;
    session.prop(target, 'toPropId');
    const old = session.remove(command.propId, command.segmentId, 'segmentId');
    const length = old.end - old.start;
    session.write(
      target,
      { start: command.start, end: command.start + length, look: old.look, pixels: old.pixels },
      'start',
      target === command.propId ? old.id : undefined,
    );
  },
  label: (command) =>
    `move ${command.segmentId} to ${command.start}s${command.toPropId ? ` on ${command.toPropId}` : ''}`,
});
