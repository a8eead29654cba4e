import { z } from 'zod';
import { RgbSchema } from '../color.js';
import { defineCommand } from './command-definition.js';
import { LabelSchema, PropRefSchema } from './command-fields.js';

export const setDefaultColor = defineCommand({
  type: 'setDefaultColor',
  description: 'Set the colour a prop shows wherever its timeline has no segment.',
  offered: true,
  schema: z
    .object({
      type: z.literal('setDefaultColor'),
      propId: PropRefSchema,
      color: RgbSchema,
      label: LabelSchema,
    })
    .strict(),
  execute(session, command) {
    session.setDefaultColor(command.propId, command.color);
  },
  label: (command) => `default colour of ${command.propId}`,
});
