import { z } from 'zod';
import {
  ChaseLookSchema,
  PulseLookSchema,
  RainbowLookSchema,
  SparkleLookSchema,
  StrobeLookSchema,
} from '../model/segment.js';
import { PixelSelectionSchema } from '../model/pixels.js';
import { defineCommand } from './command-definition.js';
import { LabelSchema, PropListSchema, TimeSchema } from './command-fields.js';

const EffectSchema = z.discriminatedUnion('kind', [
  StrobeLookSchema,
  PulseLookSchema,
  RainbowLookSchema,
  ChaseLookSchema,
  SparkleLookSchema,
]);

export const addEffect = defineCommand({
  type: 'addEffect',
  description:
    'Put an effect (strobe, pulse on beats, rainbow, chase, sparkle) on several props over [start, end).',
  offered: true,
  schema: z
    .object({
      type: z.literal('addEffect'),
      propIds: PropListSchema,
      start: TimeSchema,
      end: TimeSchema,
      effect: EffectSchema,
      pixels: PixelSelectionSchema.optional(),
      label: LabelSchema,
    })
    .strict(),
  execute(session, command) {
    command.propIds.forEach((propId, index) => {
      session.prop(propId, `propIds.${index}`);
      session.write(
        propId,
        { start: command.start, end: command.end, look: command.effect, pixels: command.pixels },
        'end',
      );
    });
  },
  label: (command) =>
    `${command.effect.kind} on ${command.propIds.join(', ')} ${command.start}–${command.end}s`,
});
