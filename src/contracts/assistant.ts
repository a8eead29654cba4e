import { z } from 'zod';

/** Where a prompt stands: the controller shows it as it moves (thinking → proposed → applied …). */
export const AssistantStateSchema = z.enum([
  'thinking',
  'proposed',
  'applied',
  'answered',
  'rejected',
  'failed',
  'stopped',
]);

export const AssistantUsageSchema = z
  .object({
    provider: z.string(),
    model: z.string(),
    inputTokens: z.number().int().min(0),
    outputTokens: z.number().int().min(0),
    latencyMs: z.number().min(0),
    tokensPerSecond: z.number().min(0),
    cost: z.number().min(0),
  })
  .strict();

export const AssistantStatusSchema = z
  .object({
    requestId: z.number().int().min(1),
    state: AssistantStateSchema,
    prompt: z.string(),
    message: z.string(),
    proposal: z
      .object({
        label: z.string(),
        edits: z.array(z.unknown()),
        segments: z.number().int().min(0),
        seconds: z.number().min(0),
        reason: z.enum(['confirm', 'large', 'conflict', 'preview']),
      })
      .strict()
      .optional(),
    revision: z.number().int().min(0).optional(),
    checkpointId: z.string().optional(),
    usage: AssistantUsageSchema.optional(),
  })
  .strict();
export type AssistantStatusEvent = z.infer<typeof AssistantStatusSchema>;

/**
 * The assistant's settings as controllers see them. The API key is never among them: only whether one is
 * set. The daemon checks every field when settings are changed.
 */
export const AssistantPanelSchema = z
  .object({
    settings: z.record(z.string(), z.unknown()),
    hasApiKey: z.boolean(),
    health: z.object({ ok: z.boolean(), detail: z.string(), checkedAt: z.string() }).strict().nullable(),
    usage: z
      .object({
        requests: z.number().int().min(0),
        inputTokens: z.number().int().min(0),
        outputTokens: z.number().int().min(0),
        latencyMs: z.number().min(0),
        cost: z.number().min(0),
      })
      .strict(),
    busy: z.boolean(),
    /** The latest step of the latest request, so a controller that reconnects mid-request catches up. */
    current: AssistantStatusSchema.nullable().optional(),
  })
  .strict();
export type AssistantPanel = z.infer<typeof AssistantPanelSchema>;

export const assistantRequestSchemas = {
  'assistant:prompt': z.object({ text: z.string().trim().min(1).max(2000) }).strict(),
  'assistant:stop': z.object({}).strict(),
  'assistant:decide': z
    .object({ requestId: z.number().int().min(1), decision: z.enum(['apply', 'reject']) })
    .strict(),
  /** Changes settings (checked against the daemon's schema); `apiKey` null removes the key. */
  'assistant:configure': z
    .object({
      settings: z.record(z.string(), z.unknown()).optional(),
      apiKey: z.string().max(500).nullable().optional(),
    })
    .strict(),
  /** Asks for the panel state (with a fresh health check), answered by an `assistant:panel` event. */
  'assistant:panel': z.object({ check: z.boolean().default(false) }).strict(),
} as const;
