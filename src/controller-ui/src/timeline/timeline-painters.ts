// Canvas drawing for the timeline: the header (time ruler, sections, waveform) and the lanes' backdrop
// (beat grid). Both draw only what is in view, so a long song costs the same as a short one.
import type { WaveformPeaks } from '../../../contracts/index.js';
import type { BeatGrid, Section } from '../../../show/index.js';
import { formatShowTime } from '../ui/format.js';
import { prepareCanvas } from '../ui/canvas-size.js';
import { firstAtOrAfter } from '../ui/sorted-times.js';
import { rulerStep } from './timeline-view.js';

export interface ViewSpan {
  readonly start: number;
  readonly pixelsPerSecond: number;
}

const RULER_HEIGHT = 20;
const SECTION_HEIGHT = 18;

const SECTION_TINTS = ['#2b3a67', '#3d2b67', '#2b5a67', '#5a3d2b', '#2b6742', '#672b4f'];

export function paintHeader(
  canvas: HTMLCanvasElement,
  view: ViewSpan,
  duration: number,
  sections: readonly Section[],
  beatGrid: BeatGrid,
  peaks: WaveformPeaks | null,
): void {
  const prepared = prepareCanvas(canvas);
  if (!prepared) return;
  const { context, width, height } = prepared;
  const x = (time: number) => (time - view.start) * view.pixelsPerSecond;
  const end = view.start + width / view.pixelsPerSecond;

  context.fillStyle = '#10141c';
  context.fillRect(0, 0, width, height);

  // Sections: a tinted band with the label, so the operator sees verse/chorus at a glance.
  sections.forEach((section, index) => {
    if (section.end < view.start || section.start > end) return;
    const left = Math.max(x(section.start), 0);
    const right = Math.min(x(section.end), width);
    context.fillStyle = SECTION_TINTS[index % SECTION_TINTS.length] as string;
    context.fillRect(left, RULER_HEIGHT, right - left - 1, SECTION_HEIGHT);
    context.fillStyle = '#d6dcf0';
    context.font = '600 11px system-ui, sans-serif';
    context.fillText(
      section.label || `section ${index + 1}`,
      left + 5,
      RULER_HEIGHT + 13,
      Math.max(right - left - 8, 0),
    );
  });

  // Waveform, min/max per column from the nearest bucket.
  const waveTop = RULER_HEIGHT + SECTION_HEIGHT;
  const waveHeight = height - waveTop;
  const middle = waveTop + waveHeight / 2;
  context.fillStyle = '#3d7bd9';
  if (peaks && peaks.min.length > 0) {
    for (let column = 0; column < width; column++) {
      const from = Math.floor((view.start + column / view.pixelsPerSecond) / peaks.bucketSeconds);
      const to = Math.max(
        from + 1,
        Math.floor((view.start + (column + 1) / view.pixelsPerSecond) / peaks.bucketSeconds),
      );
      let low = 0;
      let high = 0;
      for (let bucket = Math.max(from, 0); bucket < Math.min(to, peaks.min.length); bucket++) {
        low = Math.min(low, peaks.min[bucket] as number);
        high = Math.max(high, peaks.max[bucket] as number);
      }
      if (high - low <= 0) continue;
      context.fillRect(
        column,
        middle - high * (waveHeight / 2 - 2),
        1,
        Math.max((high - low) * (waveHeight / 2 - 2), 1),
      );
    }
  } else {
    context.fillRect(0, middle, Math.min(x(duration), width), 1);
  }

  // Ruler: beat ticks, then labelled seconds.
  context.fillStyle = '#0b0d12';
  context.fillRect(0, 0, width, RULER_HEIGHT);
  const downbeats = new Set(beatGrid.downbeats);
  if (view.pixelsPerSecond * beatSpacing(beatGrid) >= 6) {
    for (const beat of visible(beatGrid.beats, view.start, end)) {
      context.fillStyle = downbeats.has(beat) ? '#8a94ad' : '#465067';
      context.fillRect(Math.round(x(beat)), downbeats.has(beat) ? 10 : 14, 1, RULER_HEIGHT);
    }
  }
  const step = rulerStep(view.pixelsPerSecond);
  context.fillStyle = '#aab3c8';
  context.font = '11px ui-monospace, SFMono-Regular, Menlo, monospace';
  for (let time = Math.ceil(view.start / step) * step; time <= Math.min(end, duration); time += step) {
    const left = Math.round(x(time));
    context.fillRect(left, 0, 1, 8);
    context.fillText(formatShowTime(time), left + 3, 11);
  }
  // Past the end of the song.
  if (x(duration) < width) {
    context.fillStyle = 'rgba(0,0,0,0.55)';
    context.fillRect(Math.max(x(duration), 0), 0, width, height);
  }
}

export function paintLaneBackdrop(
  canvas: HTMLCanvasElement,
  view: ViewSpan,
  duration: number,
  beatGrid: BeatGrid,
  sections: readonly Section[],
): void {
  const prepared = prepareCanvas(canvas);
  if (!prepared) return;
  const { context, width, height } = prepared;
  const x = (time: number) => (time - view.start) * view.pixelsPerSecond;
  const end = view.start + width / view.pixelsPerSecond;
  const downbeats = new Set(beatGrid.downbeats);
  const showBeats = view.pixelsPerSecond * beatSpacing(beatGrid) >= 6;
  for (const beat of visible(beatGrid.beats, view.start, end)) {
    const bar = downbeats.has(beat);
    if (!bar && !showBeats) continue;
    context.fillStyle = bar ? 'rgba(150,165,200,0.22)' : 'rgba(150,165,200,0.08)';
    context.fillRect(Math.round(x(beat)), 0, 1, height);
  }
  context.fillStyle = 'rgba(120,170,255,0.35)';
  for (const section of sections) {
    if (section.start > view.start && section.start < end)
      context.fillRect(Math.round(x(section.start)), 0, 2, height);
  }
  if (x(duration) < width) {
    context.fillStyle = 'rgba(0,0,0,0.5)';
    context.fillRect(Math.max(x(duration), 0), 0, width, height);
  }
}

function beatSpacing(grid: BeatGrid): number {
  const [first, second] = grid.beats;
  return first !== undefined && second !== undefined ? second - first : 0.5;
}

/** The sorted times that fall in [from, to]. */
function visible(times: readonly number[], from: number, to: number): number[] {
  const out: number[] = [];
  for (
    let index = firstAtOrAfter(times, from);
    index < times.length && (times[index] as number) <= to;
    index++
  ) {
    out.push(times[index] as number);
  }
  return out;
}
