// The per-rig audio settings, as stored in settings and edited from the controller: parsed here, at the
// edge, so playback only ever sees checked values.
import { z } from 'zod';
import type { AudioPlaybackOptions } from './audio-playback.js';

/** Beyond half a second either way a "calibration" is a wrong setting, not a sound system's delay. */
export const MAX_CALIBRATION_MS = 500;

export const audioSettingsSchema = z
  .object({
    /** Where the music goes: the ALSA default device, the null sink, or the device when there is one. */
    output: z.enum(['auto', 'device', 'none']).default('auto'),
    /** Buffering asked of the device: 'playback' survives a busy machine best. */
    latencyHint: z.enum(['interactive', 'balanced', 'playback']).default('playback'),
    /**
     * Milliseconds the sound reaches the audience later than the sound card reports (a PA's DSP, a long
     * cable run, a wireless speaker); negative when lights should lead. Measured once per rig.
     */
    calibrationMs: z.number().finite().min(-MAX_CALIBRATION_MS).max(MAX_CALIBRATION_MS).default(0),
  })
  .strict();

export type AudioSettings = z.infer<typeof audioSettingsSchema>;

export function playbackOptionsFrom(settings: AudioSettings): AudioPlaybackOptions {
  return {
    output: settings.output,
    latencyHint: settings.latencyHint,
    calibrationSeconds: settings.calibrationMs / 1000,
  };
}
