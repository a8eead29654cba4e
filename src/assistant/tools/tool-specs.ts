import type { z } from 'zod';
import type { JsonSchema } from './compact-signature.js';
import { assistantCommands, jsonSchemaOf } from './command-reference.js';

/** A tool as both providers take it: a name, one line of description, a JSON schema of its arguments. */
export interface ToolSpec {
  readonly name: string;
  readonly description: string;
  readonly parameters: JsonSchema & { type: 'object' };
  /** True for tools that only read the show; the rest are show commands. */
  readonly readOnly: boolean;
}

/**
 * Top-level fields with their JSON types and enums only: nested shapes (looks, pixel selections) are
 * explained once in the system prompt, which keeps the whole tool list inside the token budget.
 */
function shallowParameters(schema: z.ZodType): ToolSpec['parameters'] {
  const full = jsonSchemaOf(schema);
  const properties: Record<string, JsonSchema> = {};
  for (const [name, field] of Object.entries(full.properties ?? {})) {
    if (name === 'type' || name === 'label') continue;
    if (field.enum) properties[name] = { type: 'string', enum: field.enum };
    else if (field.type === 'array') properties[name] = { type: 'array' };
    else if (typeof field.type === 'string') properties[name] = { type: field.type };
    else properties[name] = { type: 'object' };
  }
  const required = (full.required ?? []).filter((name) => name !== 'type' && name !== 'label');
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

const time = { type: 'number' } as const;

const READ_TOOLS: ToolSpec[] = [
  {
    name: 'list_props',
    description: 'The props: ids, names, pixel counts.',
    parameters: { type: 'object', properties: {} },
    readOnly: true,
  },
  {
    name: 'what_plays',
    description: 'Segments on a prop between two times.',
    parameters: {
      type: 'object',
      properties: { propId: { type: 'string' }, start: time, end: time },
      required: ['propId', 'start', 'end'],
    },
    readOnly: true,
  },
  {
    name: 'beats_in_range',
    description: 'Beats, bar downbeats and sections between two times.',
    parameters: { type: 'object', properties: { start: time, end: time }, required: ['start', 'end'] },
    readOnly: true,
  },
  {
    name: 'playhead',
    description: 'Current show time, tempo, and the next beat and bar.',
    parameters: { type: 'object', properties: {} },
    readOnly: true,
  },
  {
    name: 'lyrics_in_range',
    description: 'Lyric words with their times between two times.',
    parameters: { type: 'object', properties: { start: time, end: time }, required: ['start', 'end'] },
    readOnly: true,
  },
];

/** The tool list, identical byte for byte on every request (local servers then reuse their cached prefix). */
export const toolSpecs: readonly ToolSpec[] = Object.freeze([
  ...assistantCommands().map((definition) => ({
    name: definition.type,
    description: definition.description,
    parameters: shallowParameters(definition.schema),
    readOnly: false,
  })),
  ...READ_TOOLS,
]);

export function toolSpec(name: string): ToolSpec | undefined {
  return toolSpecs.find((spec) => spec.name === name);
}
