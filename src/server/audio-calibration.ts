// This rig's audio calibration: how much later than the sound card reports the audience hears the music
// (a PA's processing, a long cable run, wireless speakers). Kept in the settings store so it is measured once
// per rig, applied to the audio clock at start and whenever an operator changes it while the show runs.
import { z } from 'zod';
import { MAX_CALIBRATION_MS } from '../engine/audio-settings.js';
import type { SettingsStore } from '../storage/index.js';

const SETTINGS_KEY = 'audio-calibration';
export const CalibrationMsSchema = z.number().finite().min(-MAX_CALIBRATION_MS).max(MAX_CALIBRATION_MS);

/** A clock that can take a calibration: the audio clock; a virtual clock has no sound to wait for. */
interface CalibratedClock {
  setCalibration(seconds: number): void;
}

function canCalibrate(clock: unknown): clock is CalibratedClock {
  return (
    typeof clock === 'object' &&
    clock !== null &&
    typeof (clock as Partial<CalibratedClock>).setCalibration === 'function'
  );
}

export class AudioCalibration {
  private constructor(
    private readonly settings: SettingsStore,
    private current: number,
  ) {}

  /** The stored calibration (0 if none); a stored value that does not fit is reported and not used. */
  static async open(settings: SettingsStore, log: (line: string) => void): Promise<AudioCalibration> {
    let stored = 0;
    try {
      stored = (await settings.get(SETTINGS_KEY, CalibrationMsSchema)) ?? 0;
    } catch (error) {
      log(`smlive: ${error instanceof Error ? error.message : String(error)}; audio calibration set to 0 ms`);
    }
    return new AudioCalibration(settings, stored);
  }

  get ms(): number {
    return this.current;
  }

  applyTo(clock: unknown): void {
    if (canCalibrate(clock)) clock.setCalibration(this.current / 1000);
  }

  /** Applies and stores a new calibration; resolves once it is saved. The value must fit the schema. */
  async set(ms: number, clock: unknown): Promise<void> {
    const checked = CalibrationMsSchema.parse(ms);
    await this.settings.set(SETTINGS_KEY, checked);
    this.current = checked;
    this.applyTo(clock);
  }
}
