// Voice prompting over HTTP: the controller posts a WAV recording to VOICE_ROUTE (Bearer, operator role);
// the answer is NDJSON, one VoiceStatus a line: the words as soon as they are known, then the outcome.
import { z } from 'zod';

export const VOICE_ROUTE = '/api/voice';
export const VOICE_DECISION_ROUTE = '/api/voice/decision';
export const VOICE_SETTINGS_ROUTE = '/api/voice/settings';
/** Largest recording the daemon takes: 15 s of 48 kHz stereo float is 5.8 MB. */
export const VOICE_UPLOAD_LIMIT_BYTES = 8 * 1024 * 1024;

export const VoiceStateSchema = z.enum([
  'recognizing',
  'heard',
  'waiting-for-tap',
  'applied',
  'assistant',
  'cancelled',
  'failed',
  'rejected',
]);

export const SpeechProblemSchema = z.enum([
  'empty',
  'unsupported-format',
  'too-long',
  'too-short',
  'silence',
  'clipped',
  'no-speech',
  'not-understood',
  'recognizer-missing',
  'recognizer-failed',
  'timeout',
]);

export const VoiceStatusSchema = z
  .object({
    requestId: z.number().int().min(1),
    state: VoiceStateSchema,
    text: z.string(),
    route: z.enum(['fast', 'assistant']).nullable(),
    message: z.string(),
    problem: SpeechProblemSchema.optional(),
    revision: z.number().int().min(0).optional(),
    checkpointId: z.string().optional(),
    recognizeMs: z.number().min(0).optional(),
  })
  .strict();
export type VoiceStatusLine = z.infer<typeof VoiceStatusSchema>;

/** The end states: after one of these no more lines come for that request. */
export const FINAL_VOICE_STATES: ReadonlySet<VoiceStatusLine['state']> = new Set([
  'applied',
  'assistant',
  'cancelled',
  'failed',
  'rejected',
]);

export const VoiceDecisionSchema = z
  .object({ requestId: z.number().int().min(1), send: z.boolean() })
  .strict();
export type VoiceDecision = z.infer<typeof VoiceDecisionSchema>;

/** What a controller may see and change of the voice settings. */
export const VoicePanelSchema = z
  .object({
    engine: z.enum(['pocketsphinx', 'openai']),
    send: z.enum(['auto', 'tap']),
    transcriptionUrl: z.string(),
    transcriptionModel: z.string(),
    maxSeconds: z.number(),
    /** Show names the embedded recognizer cannot hear (a word it has no pronunciation for). */
    unheard: z.array(z.string()),
  })
  .strict();
export type VoicePanel = z.infer<typeof VoicePanelSchema>;
