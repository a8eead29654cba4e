import { z } from 'zod';
import { ColorOrderSchema, RgbSchema } from '../color.js';
import { PropLinkRefSchema, PropSchema } from '../model/prop.js';
import { MAX_PIXELS_PER_PROP } from '../model/pixels.js';
import { defineCommand } from './command-definition.js';
import { LabelSchema, PropRefSchema } from './command-fields.js';

export const addProp = defineCommand({
  type: 'addProp',
  description: 'Add a prop (ball, poi, club …) with its pixel count and the link that drives it.',
  offered: true,
  schema: z
    .object({
      type: z.literal('addProp'),
      prop: PropSchema.omit({ segments: true }).extend({ segments: PropSchema.shape.segments.default([]) }),
      label: LabelSchema,
    })
    .strict(),
  execute(session, command) {
    session.addProp(command.prop);
  },
  label: (command) => `add prop ${command.prop.name}`,
});

export const removeProp = defineCommand({
  type: 'removeProp',
  description: 'Remove a prop and its timeline from the show.',
  offered: true,
  schema: z.object({ type: z.literal('removeProp'), propId: PropRefSchema, label: LabelSchema }).strict(),
  execute(session, command) {
    session.removeProp(command.propId, 'propId');
  },
  label: (command) => `remove prop ${command.propId}`,
});

export const updateProp = defineCommand({
  type: 'updateProp',
  description: 'Rename a prop or change its pixel count, colour order, default colour or link.',
  offered: true,
  schema: z
    .object({
      type: z.literal('updateProp'),
      propId: PropRefSchema,
      name: z.string().min(1).max(100).optional(),
      pixelCount: z.number().int().min(1).max(MAX_PIXELS_PER_PROP).optional(),
      colorOrder: ColorOrderSchema.optional(),
      defaultColor: RgbSchema.optional(),
      link: PropLinkRefSchema.optional(),
      label: LabelSchema,
    })
    .strict(),
  execute(session, command) {
    const { type: _type, propId, label: _label, ...fields } = command;
    const prop = session.prop(propId, 'propId');
    session.replaceProp(propId, { ...prop, ...fields });
  },
  label: (command) => `change prop ${command.propId}`,
});
