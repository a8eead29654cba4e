import { z } from 'zod';
import { defineCommand } from './command-definition.js';
import { LabelSchema } from './command-fields.js';

/** Most commands in one batch; a model's batch is a few dozen at most. */
export const MAX_BATCH_COMMANDS = 5_000;

export const batch = defineCommand({
  type: 'batch',
  description: 'Apply several commands as one atomic edit: all of them or none.',
  offered: true,
  schema: z
    .object({
      type: z.literal('batch'),
      // Members are validated one by one against the table when the batch runs, with their index in the path.
      commands: z.array(z.unknown()).min(1).max(MAX_BATCH_COMMANDS),
      label: LabelSchema,
    })
    .strict(),
  execute(session, command, applyNested) {
    command.commands.forEach((member, index) => applyNested(session, member, `commands.${index}`));
  },
  label: (command) => command.label ?? `${command.commands.length} changes`,
});
