import { z } from 'zod';

/** Price of a paid provider's tokens, per million. */
export const TokenPriceSchema = z
  .object({ inputPerMillion: z.number().min(0), outputPerMillion: z.number().min(0) })
  .strict();

/** The assistant's settings, switchable live. API keys are not here: they stay in the daemon's data folder. */
export const AssistantSettingsSchema = z
  .object({
    provider: z.enum(['ollama', 'openai']).default('ollama'),
    baseUrl: z.string().url().default('http://127.0.0.1:11434'),
    model: z.string().min(1).max(200).default('qwen2.5:7b-instruct'),
    temperature: z.number().min(0).max(2).default(0.2),
    timeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
    /** auto: apply at once; confirm: the operator taps apply; preview: show on virtual props only. */
    confirmMode: z.enum(['auto', 'confirm', 'preview']).default('auto'),
    /** Even in auto mode, a change bigger than this asks first. */
    askAbove: z
      .object({ segments: z.number().int().min(1).default(48), seconds: z.number().positive().default(64) })
      .strict()
      .default({ segments: 48, seconds: 64 }),
    /** Where an edit that reaches into time the props already have starts instead. */
    snapLiveEditsTo: z.enum(['beat', 'bar']).default('beat'),
    /** Conversation turns sent back to the model. */
    historyMessages: z.number().int().min(0).max(100).default(12),
    /** Token budget of the show summary that ends each prompt. */
    summaryTokenBudget: z.number().int().min(100).max(8000).default(500),
    prices: z.record(z.string(), TokenPriceSchema).default({}),
  })
  .strict();
export type AssistantSettings = z.infer<typeof AssistantSettingsSchema>;
