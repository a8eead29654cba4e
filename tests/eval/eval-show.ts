import { apply, ShowSchema, type Show } from '../../src/show/index.js';

/** The show every evaluation prompt starts from: four balls, a 120 BPM song of 180 s in 4/4, sections. */
export const EVAL_BPM = 120;
const beats = Array.from({ length: 360 }, (_, index) => index * 0.5);
const sections = [
  { start: 0, end: 16, label: 'intro', energy: 0.3 },
  { start: 16, end: 48, label: 'verse', energy: 0.5 },
  { start: 48, end: 80, label: 'chorus', energy: 0.9 },
  { start: 80, end: 112, label: 'verse 2', energy: 0.55 },
  { start: 112, end: 144, label: 'chorus 2', energy: 1 },
  { start: 144, end: 180, label: 'outro', energy: 0.4 },
];

export function evalShow(setup: readonly unknown[] = []): Show {
  let show = ShowSchema.parse({
    schemaVersion: 1,
    id: 'eval-show',
    name: 'Evaluation show',
    duration: 180,
    frameRate: 100,
    beatGrid: { beats, downbeats: beats.filter((_, index) => index % 4 === 0), bpm: EVAL_BPM },
    sections,
    lyrics: [
      { word: 'hold', start: 50, end: 50.4 },
      { word: 'on', start: 50.5, end: 51 },
      { word: 'tight', start: 51.2, end: 52 },
    ],
    props: [1, 2, 3, 4].map((number) => ({
      id: `ball${number}`,
      name: `Ball ${number}`,
      pixelCount: 4,
      segments: [],
    })),
  });
  for (const command of setup) {
    const result = apply(show, command);
    if (!result.ok) throw new Error(`eval setup: ${result.error.path}: ${result.error.message}`);
    show = result.show;
  }
  return show;
}
