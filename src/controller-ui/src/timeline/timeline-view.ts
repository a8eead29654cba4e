// Which stretch of the show the timeline shows: a left edge in show seconds and a zoom in pixels per
// second. Pinch, drag, wheel and playhead-following all change the view through these functions.
import { computed, signal } from '@preact/signals';

export const MIN_PIXELS_PER_SECOND = 2;
export const MAX_PIXELS_PER_SECOND = 1200;
/** When following, the view pages forward so the playhead sits this far in from the left edge. */
const FOLLOW_LEAD = 0.12;
/** …once the playhead passes this fraction of the width. */
const FOLLOW_EDGE = 0.88;

export const pixelsPerSecond = signal(40);
export const viewStart = signal(0);
/** Width of the lane area in CSS pixels, measured by the timeline. */
export const viewWidth = signal(600);
/** Keep the playhead in view while playing; turned off by a manual pan, back on with the follow button. */
export const followPlayhead = signal(true);
let showDuration = 60;

export const visibleSeconds = computed(() => viewWidth.value / pixelsPerSecond.value);

export function setShowDuration(duration: number): void {
  showDuration = duration;
  viewStart.value = clampStart(viewStart.value, pixelsPerSecond.value);
}

export function timeToX(time: number): number {
  return (time - viewStart.value) * pixelsPerSecond.value;
}

export function xToTime(x: number): number {
  return viewStart.value + x / pixelsPerSecond.value;
}

function clampStart(start: number, pps: number): number {
  const visible = viewWidth.value / pps;
  // Allow a little room past the end so the last segment's edge can be grabbed.
  const latest = Math.max(0, showDuration - visible * 0.9);
  return Math.min(Math.max(start, 0), latest);
}

export function panBy(dx: number): void {
  viewStart.value = clampStart(viewStart.value - dx / pixelsPerSecond.value, pixelsPerSecond.value);
}

/** Zooms by `factor` keeping the show time under `anchorX` (px from the lane area's left) in place. */
export function zoomAround(anchorX: number, factor: number): void {
  const anchorTime = xToTime(anchorX);
  const pps = Math.min(
    Math.max(pixelsPerSecond.value * factor, MIN_PIXELS_PER_SECOND),
    MAX_PIXELS_PER_SECOND,
  );
  pixelsPerSecond.value = pps;
  viewStart.value = clampStart(anchorTime - anchorX / pps, pps);
}

/** Shows the whole show. */
export function zoomToFit(): void {
  const pps = Math.min(
    Math.max(viewWidth.value / showDuration, MIN_PIXELS_PER_SECOND),
    MAX_PIXELS_PER_SECOND,
  );
  pixelsPerSecond.value = pps;
  viewStart.value = 0;
}

/** Pages the view so that `time` stays on screen (called every animation frame while following). */
export function keepInView(time: number): void {
  if (!followPlayhead.value) return;
  const visible = visibleSeconds.value;
  const start = viewStart.value;
  if (time < start || time > start + visible * FOLLOW_EDGE) {
    viewStart.value = clampStart(time - visible * FOLLOW_LEAD, pixelsPerSecond.value);
  }
}

/** Grid spacing for ruler labels: a round number of seconds that leaves room for the text. */
export function rulerStep(pps: number): number {
  const steps = [0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300];
  return steps.find((step) => step * pps >= 64) ?? 600;
}
