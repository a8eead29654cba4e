import { z } from 'zod';
import { LookSchema, offeredCommands, type CommandDefinition } from '../../show/index.js';
import { compactFields, type JsonSchema, type SharedShapes } from './compact-signature.js';

/** Commands the assistant may use: every offered command but the ones that reshape the rig itself. */
// A prompt's tool calls already apply as one batch, so the model needs no `batch` of its own.
const RIG_COMMANDS = new Set(['addProp', 'removeProp', 'updateProp', 'setShowInfo', 'batch']);

export function assistantCommands(): CommandDefinition[] {
  return offeredCommands().filter((definition) => !RIG_COMMANDS.has(definition.type));
}

export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

const lookVariants = (jsonSchemaOf(LookSchema).anyOf ?? jsonSchemaOf(LookSchema).oneOf ?? []) as JsonSchema[];
const lookKinds = lookVariants.map((variant) => String(variant.properties?.kind?.const));

const shared: SharedShapes = {
  isLook(schema) {
    const variants = schema.anyOf ?? schema.oneOf;
    if (!variants || variants.length < 2) return null;
    const kinds = variants.map((variant) => variant.properties?.kind?.const);
    if (!kinds.every((kind) => typeof kind === 'string' && lookKinds.includes(kind))) return null;
    return kinds.length === lookKinds.length ? 'look' : `look(${kinds.join('|')})`;
  },
};

/** One line per look kind: `strobe{color: rgb, rateHz: number, duty: number=0.5}`. */
export function lookReference(): string {
  return lookVariants
    .map(
      (variant) => `${String(variant.properties?.kind?.const)}{${compactFields(variant, shared, ['kind'])}}`,
    )
    .join('\n');
}

/** One line per command: `addSegment {propId: string, start: number, …} — description`. */
export function commandReference(): string {
  return assistantCommands()
    .map((definition) => {
      const fields = compactFields(jsonSchemaOf(definition.schema), shared, ['type', 'label']);
      return `${definition.type} {${fields}} — ${definition.description}`;
    })
    .join('\n');
}
