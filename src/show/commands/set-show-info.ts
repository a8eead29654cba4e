import { z } from 'zod';
import { minimumSegmentDuration } from '../time.js';
import { CommandRefusal } from './command-error.js';
import { defineCommand } from './command-definition.js';
import { LabelSchema } from './command-fields.js';
import { ShowFieldsSchema } from './restore-schema.js';

export const setShowInfo = defineCommand({
  type: 'setShowInfo',
  description:
    'Set show-wide fields: name, duration, frame rate, song, beat grid, sections, lyrics, cue points.',
  offered: true,
  schema: z
    .object({ type: z.literal('setShowInfo'), ...ShowFieldsSchema.shape, label: LabelSchema })
    .strict(),
  execute(session, command) {
    const { type: _type, label: _label, ...fields } = command;
    if (Object.keys(fields).length === 0) throw new CommandRefusal('', 'give at least one field to set');
    // The props as they stand in this edit: an earlier command of a batch may have trimmed them.
    const props = session.propIds().map((propId) => session.prop(propId, 'propId'));
    if (fields.duration !== undefined) {
      for (const prop of props) {
        const last = prop.segments.at(-1);
        if (last && last.end > fields.duration) {
          throw new CommandRefusal(
            'duration',
            `prop "${prop.id}" has segments until ${last.end}s, after ${fields.duration}s`,
          );
        }
      }
    }
    if (fields.frameRate !== undefined) {
      const minimum = minimumSegmentDuration(fields.frameRate) - 1e-9;
      for (const prop of props) {
        const short = prop.segments.find((segment) => segment.end - segment.start < minimum);
        if (short) {
          throw new CommandRefusal(
            'frameRate',
            `segment "${short.id}" on "${prop.id}" is shorter than a frame at ${fields.frameRate} fps`,
          );
        }
      }
    }
    session.setFields(fields);
  },
  label: (command) =>
    `set ${Object.keys(command)
      .filter((key) => key !== 'type' && key !== 'label')
      .join(', ')}`,
});
