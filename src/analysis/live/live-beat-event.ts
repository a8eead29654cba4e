/** A beat announced by the live tracker shortly before it happens. Times are seconds of the input stream. */
export interface LiveBeatEvent {
  /** When the beat is predicted to sound. */
  readonly time: number;
  /** Stream time at which the event was emitted (before `time`: the lead lets effects land on the beat). */
  readonly firedAt: number;
  readonly bpm: number;
  /** 0..1: share of recent predicted beats that the audio confirmed. */
  readonly confidence: number;
  /** The next few predicted beat times after this one. */
  readonly nextBeats: readonly number[];
}
