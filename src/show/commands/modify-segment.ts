import { z } from 'zod';
import { LookSchema } from '../model/segment.js';
import { PixelSelectionSchema } from '../model/pixels.js';
import { defineCommand } from './command-definition.js';
import { LabelSchema, PropRefSchema, TimeSchema } from './command-fields.js';

export const modifySegment = defineCommand({
  type: 'modifySegment',
  description: 'Change a segment’s times, look or pixels; new times overwrite neighbouring segments.',
  offered: true,
  schema: z
    .object({
      type: z.literal('modifySegment'),
      propId: PropRefSchema,
      segmentId: z.string().min(1).describe('id of the segment'),
      start: TimeSchema.optional(),
      end: TimeSchema.optional(),
      look: LookSchema.optional(),
      pixels: PixelSelectionSchema.nullable().optional().describe('null lights all pixels again'),
      label: LabelSchema,
    })
    .strict(),
  execute(session, command) {
    const old = session.remove(command.propId, command.segmentId, 'segmentId');
    const pixels = command.pixels === null ? undefined : (command.pixels ?? old.pixels);
    session.write(
      command.propId,
      {
        start: command.start ?? old.start,
        end: command.end ?? old.end,
        look: command.look ?? old.look,
        pixels,
      },
      command.end !== undefined ? 'end' : 'start',
      old.id,
    );
  },
  label: (command) => `change ${command.segmentId} on ${command.propId}`,
});
