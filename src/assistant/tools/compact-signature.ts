// Turns a command's JSON schema into one short line for the model. The full JSON schemas of the command
// table come to ~10,000 tokens; these lines carry the same names, kinds, enums and defaults in a few hundred,
// and every call is still validated against the full zod schema before anything changes.

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  description?: string;
};

/** Names for shapes the reference explains once, instead of spelling them out in every command. */
export interface SharedShapes {
  isLook(schema: JsonSchema): string | null;
}

function isRgb(schema: JsonSchema): boolean {
  return (
    schema.type === 'array' &&
    schema.prefixItems?.length === 3 &&
    schema.prefixItems.every((item) => item.maximum === 255)
  );
}

export function compactType(schema: JsonSchema, shared: SharedShapes): string {
  const lookName = shared.isLook(schema);
  if (lookName) return lookName;
  if (isRgb(schema)) return 'rgb';
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((value) => String(value)).join('|');
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    const parts = variants
      .filter((variant) => variant.type !== 'null')
      .map((variant) => compactType(variant, shared));
    return parts.join(' | ') + (variants.some((variant) => variant.type === 'null') ? ' | null' : '');
  }
  switch (schema.type) {
    case 'integer':
      return 'int';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'array':
      return `${schema.items ? compactType(schema.items, shared) : 'any'}[]`;
    case 'object':
      return `{${compactFields(schema, shared, [])}}`;
    default:
      return 'any';
  }
}

/** `a, b?, c=2` style field list of an object schema, leaving out `skip`. */
export function compactFields(schema: JsonSchema, shared: SharedShapes, skip: readonly string[]): string {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {})
    .filter(([name]) => !skip.includes(name))
    .map(([name, field]) => {
      const type = compactType(field, shared);
      if (field.default !== undefined) return `${name}: ${type}=${JSON.stringify(field.default)}`;
      return `${name}${required.has(name) ? '' : '?'}: ${type}`;
    })
    .join(', ');
}
