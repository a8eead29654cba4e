import { describe, expect, it } from 'vitest';
import { audioSettingsSchema, playbackOptionsFrom } from '../../../src/engine/audio-settings.js';

describe('audio settings', () => {
  it('fills defaults and turns milliseconds into playback options', () => {
    const settings = audioSettingsSchema.parse({ calibrationMs: 35 });
    expect(settings).toEqual({ output: 'auto', latencyHint: 'playback', calibrationMs: 35 });
    expect(playbackOptionsFrom(settings)).toEqual({
      output: 'auto',
      latencyHint: 'playback',
      calibrationSeconds: 0.035,
    });
  });

  it('rejects settings that cannot be right, saying which', () => {
    const tooLate = audioSettingsSchema.safeParse({ calibrationMs: 2000 });
    expect(tooLate.success).toBe(false);
    expect(tooLate.error?.issues[0]?.path).toEqual(['calibrationMs']);
    expect(audioSettingsSchema.safeParse({ output: 'hdmi' }).success).toBe(false);
    expect(audioSettingsSchema.safeParse({ calibrationMs: Number.NaN }).success).toBe(false);
    expect(audioSettingsSchema.safeParse({ calibrationMS: 10 }).success).toBe(false);
  });
});
