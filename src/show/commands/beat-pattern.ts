import { z } from 'zod';
import { LookSchema } from '../model/segment.js';
import { PixelSelectionSchema } from '../model/pixels.js';
import { CommandRefusal } from './command-error.js';
import { defineCommand } from './command-definition.js';
import { LabelSchema, PropListSchema, TimeSchema } from './command-fields.js';

/** Most segments one pattern may write, so a slip of the tongue cannot flood a timeline. */
export const MAX_PATTERN_SEGMENTS = 20_000;

export const beatPattern = defineCommand({
  type: 'pattern',
  description:
    'Place a look on every beat or bar (or every Nth) of the beat grid between start and end, on all the props or alternating between them.',
  offered: true,
  schema: z
    .object({
      type: z.literal('pattern'),
      propIds: PropListSchema,
      start: TimeSchema,
      end: TimeSchema,
      every: z.enum(['beat', 'bar']).default('beat'),
      step: z.number().int().min(1).max(64).default(1).describe('use every Nth beat or bar'),
      duration: z
        .number()
        .finite()
        .positive()
        .max(60)
        .optional()
        .describe('seconds each placement lasts; until the next placement when omitted'),
      look: LookSchema,
      pixels: PixelSelectionSchema.optional(),
      alternate: z
        .boolean()
        .default(false)
        .describe('true: placement i goes to prop i mod n; false: to every prop'),
      label: LabelSchema,
    })
    .strict(),
  execute(session, command) {
    if (!(command.end > command.start)) {
      throw new CommandRefusal('end', `end (${command.end}s) must be after start (${command.start}s)`);
    }
    const grid = command.every === 'bar' ? session.beatGrid.downbeats : session.beatGrid.beats;
    if (grid.length === 0) {
      throw new CommandRefusal(
        'every',
        `the show has no ${command.every === 'bar' ? 'bars' : 'beats'}: analyse the song first`,
      );
    }
    const times = grid
      .filter((time) => time >= command.start && time < command.end)
      .filter((_, i) => i % command.step === 0);
    if (times.length === 0)
      throw new CommandRefusal('start', `no ${command.every} between ${command.start}s and ${command.end}s`);
    const placements = command.alternate ? times.length : times.length * command.propIds.length;
    if (placements > MAX_PATTERN_SEGMENTS) {
      throw new CommandRefusal(
        'end',
        `this would write ${placements} segments (at most ${MAX_PATTERN_SEGMENTS})`,
      );
    }
    command.propIds.forEach((propId, index) => session.prop(propId, `propIds.${index}`));
    times.forEach((time, index) => {
      const next = times[index + 1] ?? command.end;
      const end = Math.min(command.duration === undefined ? next : time + command.duration, command.end);
      const targets = command.alternate
        ? [command.propIds[index % command.propIds.length] as string]
        : command.propIds;
      for (const propId of targets) {
        session.write(propId, { start: time, end, look: command.look, pixels: command.pixels }, 'duration');
      }
    });
  },
  label: (command) =>
    `${command.look.kind} every ${command.step > 1 ? `${command.step} ` : ''}${command.every}${command.step > 1 ? 's' : ''} ${command.start}–${command.end}s`,
});
