import type { TempoPoint } from './tempo-tracking.js';

/** A change is reported when the tempo leaves the current stretch's tempo by more than this (relative). */
const changeThreshold = 0.04;
/** Changes closer than this belong to one transition. */
const transitionGapSeconds = 2.5;

/** Start points of stretches of steady tempo along a tempo curve (the first starts at the first point). */
export function tempoChangePoints(curve: readonly TempoPoint[]): TempoPoint[] {
  const first = curve[0];
  if (!first) return [];
  const changes: TempoPoint[] = [{ time: 0, bpm: Math.round(first.bpm * 100) / 100 }];
  let current = first.bpm;
  for (let index = 1; index < curve.length; index += 1) {
    const point = curve[index] as TempoPoint;
    // Two consecutive points away from the current tempo: a change, not a wobble of one window.
    const nextPoint = curve[index + 1] ?? point;
    if (
      Math.abs(point.bpm - current) > changeThreshold * current &&
      Math.abs(nextPoint.bpm - current) > changeThreshold * current
    ) {
      current = point.bpm;
      changes.push({ time: Math.round(point.time * 1000) / 1000, bpm: Math.round(point.bpm * 100) / 100 });
    }
  }
  return mergeTransitions(changes);
}

/**
 * An abrupt step shows as a run of changes while the analysis window slides over it; one change at the
 * middle of the run, with the tempo it settles on, says what happened.
 */
function mergeTransitions(changes: TempoPoint[]): TempoPoint[] {
  const merged: TempoPoint[] = [];
  let runStart = 0;
  for (let index = 1; index <= changes.length; index += 1) {
    const previous = changes[index - 1] as TempoPoint;
    const current = changes[index];
    if (current && current.time - previous.time <= transitionGapSeconds && index - 1 > 0) continue;
    const first = changes[runStart] as TempoPoint;
    merged.push({
      time: runStart === 0 ? 0 : Math.round(((first.time + previous.time) / 2) * 1000) / 1000,
      bpm: previous.bpm,
    });
    runStart = index;
  }
  return merged;
}
