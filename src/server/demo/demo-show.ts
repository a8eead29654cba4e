// The demo show: four virtual props over the demo song, with a look per section that shows off fades and
// the beat effects (pulse on beats and bars, strobe, chase, sparkle, rainbow).
import { ShowSchema, type AudioRef, type LookInput, type Show } from '../../show/index.js';
import { DEMO_DURATION, demoBeatGrid, demoSections } from './demo-song.js';

const BAR = 2;

interface DemoSegment {
  readonly start: number;
  readonly end: number;
  readonly look: LookInput;
}

const BLUE = [0, 60, 255] as const;
const PURPLE = [150, 0, 255] as const;
const RED = [255, 20, 0] as const;
const ORANGE = [255, 120, 0] as const;
const WHITE = [255, 255, 255] as const;
const CYAN = [0, 230, 255] as const;

const rgb = (color: readonly [number, number, number]): [number, number, number] => [...color];

function bars(from: number, to: number): { start: number; end: number } {
  return { start: from * BAR, end: to * BAR };
}

function ballTimeline(
  main: readonly [number, number, number],
  accent: readonly [number, number, number],
): DemoSegment[] {
  return [
    { ...bars(0, 2), look: { kind: 'fade', from: [0, 0, 0], to: rgb(main) } },
    { ...bars(2, 4), look: { kind: 'fade', from: rgb(main), to: rgb(accent) } },
    { ...bars(4, 8), look: { kind: 'pulse', color: rgb(main), every: 'beat', decay: 0.2 } },
    { ...bars(8, 10), look: { kind: 'strobe', color: rgb(accent), rateHz: 4 } },
    {
      ...bars(10, 12),
      look: { kind: 'strobe', color: WHITE.slice() as [number, number, number], rateHz: 8, duty: 0.3 },
    },
    {
      ...bars(12, 15),
      look: { kind: 'pulse', color: rgb(accent), every: 'beat', decay: 0.12, baseColor: [20, 0, 40] },
    },
    {
      ...bars(15, 18),
      look: {
        kind: 'pulse',
        color: WHITE.slice() as [number, number, number],
        every: 'bar',
        decay: 0.6,
        baseColor: rgb(main).map((c) => Math.round(c / 5)) as [number, number, number],
      },
    },
    { ...bars(18, 20), look: { kind: 'fade', from: rgb(main), to: [0, 0, 0] } },
  ];
}

function poiTimeline(color: readonly [number, number, number]): DemoSegment[] {
  return [
    { ...bars(0, 4), look: { kind: 'rainbow', period: 8, spread: 15, brightness: 0.35 } },
    { ...bars(4, 8), look: { kind: 'chase', color: rgb(color), speed: 12, width: 3 } },
    {
      ...bars(8, 12),
      look: { kind: 'sparkle', color: WHITE.slice() as [number, number, number], density: 0.25, rateHz: 12 },
    },
    { ...bars(12, 18), look: { kind: 'rainbow', period: 1, spread: 30 } },
    { ...bars(18, 20), look: { kind: 'fade', from: rgb(color), to: [0, 0, 0] } },
  ];
}

function prop(id: string, name: string, pixelCount: number, timeline: readonly DemoSegment[]) {
  return {
    id,
    name,
    pixelCount,
    link: { kind: 'virtual' as const },
    segments: timeline.map((segment, index) => ({ id: `${id}-${index + 1}`, ...segment })),
  };
}

export const DEMO_SHOW_ID = 'demo';

/** The demo show, with `audio` pointing at the synthesised song. */
export function demoShow(audio: AudioRef): Show {
  const sections = demoSections();
  return ShowSchema.parse({
    schemaVersion: 1,
    id: DEMO_SHOW_ID,
    name: 'Demo: four props, one beat',
    duration: DEMO_DURATION,
    frameRate: 100,
    audio,
    beatGrid: demoBeatGrid(),
    sections,
    cues: sections.map((section) => ({ id: section.label, name: section.label, time: section.start })),
    props: [
      prop('ball-1', 'Ball 1', 3, ballTimeline(BLUE, RED)),
      prop('ball-2', 'Ball 2', 3, ballTimeline(PURPLE, ORANGE)),
      prop('poi-left', 'Poi left', 12, poiTimeline(CYAN)),
      prop('poi-right', 'Poi right', 12, poiTimeline(RED)),
    ],
    nextSegmentNumber: 1,
  });
}
