// The live input the daemon listens to for beats (line-in or microphone, or a recording played in for
// rehearsal), as the operators see it: whether it is listening, and if not, why. Sent on connect and on
// every change; the heard beats themselves come as `transport:beat` with source 'live'.
import { z } from 'zod';

export const LiveInputStateSchema = z
  .object({
    /** What `--live-input` named: `alsa`, `alsa:DEVICE`, or the recording's path. */
    source: z.string().min(1),
    status: z.enum(['listening', 'ended', 'failed']),
    /** The tempo last heard, and how sure the tracker was (0..1); null before the first beat. */
    bpm: z.number().finite().positive().nullable(),
    confidence: z.number().min(0).max(1).nullable(),
    /** Why it failed, in one line (a missing capture card, a dead recording); null otherwise. */
    problem: z.string().nullable(),
  })
  .strict();
export type LiveInputState = z.infer<typeof LiveInputStateSchema>;
