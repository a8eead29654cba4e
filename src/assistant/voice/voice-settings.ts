import { z } from 'zod';

/** How spoken commands are heard and sent; switchable live. */
export const VoiceSettingsSchema = z
  .object({
    /** pocketsphinx: embedded, offline, grammar from the show; openai: an OpenAI-compatible transcription server. */
    engine: z.enum(['pocketsphinx', 'openai']).default('pocketsphinx'),
    transcriptionUrl: z.string().url().default('http://127.0.0.1:8080/v1'),
    transcriptionModel: z.string().min(1).max(200).default('whisper-1'),
    /** auto: act on what was heard at once; tap: show it and wait for the operator's tap. */
    send: z.enum(['auto', 'tap']).default('auto'),
    maxSeconds: z.number().positive().max(60).default(15),
  })
  .strict();
export type VoiceSettings = z.infer<typeof VoiceSettingsSchema>;
