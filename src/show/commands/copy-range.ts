import { z } from 'zod';
import type { Segment } from '../model/segment.js';
import { lookAtClip } from '../render/clip-look.js';
import { minimumSegmentDuration } from '../time.js';
import { CommandRefusal } from './command-error.js';
import { defineCommand } from './command-definition.js';
import { LabelSchema, PropListSchema, PropRefSchema, TimeSchema } from './command-fields.js';

export const copyRange = defineCommand({
  type: 'copyRange',
  description:
    'Copy what plays on one prop in [start, end) to other props and/or another time, repeated `repeat` times back to back; the destination is overwritten.',
  offered: true,
  schema: z
    .object({
      type: z.literal('copyRange'),
      fromPropId: PropRefSchema,
      start: TimeSchema,
      end: TimeSchema,
      toPropIds: PropListSchema.optional().describe('destination props; the source prop when omitted'),
      toStart: TimeSchema.optional().describe('where the first copy starts; the source start when omitted'),
      repeat: z.number().int().min(1).max(256).default(1),
      label: LabelSchema,
    })
    .strict(),
  execute(session, command) {
    session.checkRange(command.start, command.end, 'end');
    const targets = command.toPropIds ?? [command.fromPropId];
    const toStart = command.toStart ?? command.start;
    if (toStart === command.start && targets.includes(command.fromPropId)) {
      throw new CommandRefusal(
        'toStart',
        'copying a range onto itself changes nothing: give toStart or other toPropIds',
      );
    }
    const source = session.prop(command.fromPropId, 'fromPropId').segments;
    const minimum = minimumSegmentDuration(session.frameRate) - 1e-9;
    const pieces: Segment[] = [];
    for (const segment of source) {
      const start = Math.max(segment.start, command.start);
      const end = Math.min(segment.end, command.end);
      if (end - start >= minimum)
        pieces.push({ ...segment, start, end, look: lookAtClip(segment, start, end) });
    }
    const length = command.end - command.start;
    targets.forEach((propId, index) => session.prop(propId, `toPropIds.${index}`));
    for (let copy = 0; copy < command.repeat; copy++) {
      const offset = toStart + copy * length - command.start;
      for (const propId of targets) {
        session.clear(propId, command.start + offset, command.end + offset);
        for (const piece of pieces) {
          session.write(
            propId,
            { start: piece.start + offset, end: piece.end + offset, look: piece.look, pixels: piece.pixels },
            'toStart',
          );
        }
      }
    }
  },
  label: (command) => `copy ${command.fromPropId} ${command.start}–${command.end}s`,
});
