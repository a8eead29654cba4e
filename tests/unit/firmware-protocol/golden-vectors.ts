// Loads src/firmware-protocol/golden-vectors.json (the same file the firmware's host tests read).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const goldenVectorsPath = fileURLToPath(
  new URL('../../../src/firmware-protocol/golden-vectors.json', import.meta.url),
);

const HexSchema = z.string().regex(/^([0-9a-f]{2})*$/);

const GoldenVectorsSchema = z.object({
  crc16: z.array(z.object({ name: z.string(), hex: HexSchema, crc: z.number().int() })),
  cobs: z.array(z.object({ decoded: HexSchema, encoded: HexSchema })),
  packets: z.array(
    z.object({
      name: z.string(),
      seq: z.number().int(),
      prop: z.number().int(),
      message: z.record(z.string(), z.unknown()),
      wire: HexSchema,
    }),
  ),
  invalid: z.array(z.object({ name: z.string(), wire: HexSchema, error: z.string() })),
  programs: z.array(
    z.object({
      name: z.string(),
      image: HexSchema,
      samples: z.array(
        z.object({
          elapsedMs: z.number().int(),
          rgb: z.tuple([z.number(), z.number(), z.number()]),
          msToNext: z.number().int().nullable(),
        }),
      ),
    }),
  ),
  invalidPrograms: z.array(z.object({ name: z.string(), image: HexSchema })),
});

export type GoldenVectors = z.infer<typeof GoldenVectorsSchema>;

export function loadGoldenVectors(): GoldenVectors {
  return GoldenVectorsSchema.parse(JSON.parse(readFileSync(goldenVectorsPath, 'utf8')));
}

export function fromHex(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** A decoded message as JSON-shaped data: byte arrays become hex, as in the vectors file. */
export function messageAsJson(message: object): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(message, (_key, value: unknown) => (value instanceof Uint8Array ? toHex(value) : value)),
  ) as Record<string, unknown>;
}
