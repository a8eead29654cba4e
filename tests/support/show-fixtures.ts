import { ShowSchema, type Show } from '../../src/show/index.js';

/** An empty show with `propCount` virtual props of `pixelCount` pixels, for tests and benchmarks. */
export function emptyShow(
  options: { props?: number; pixelCount?: number; duration?: number; beats?: number[] } = {},
): Show {
  const { props = 2, pixelCount = 4, duration = 120, beats = [] } = options;
  return ShowSchema.parse({
    schemaVersion: 1,
    id: 'test-show',
    name: 'Test show',
    duration,
    frameRate: 100,
    beatGrid: { beats, downbeats: beats.filter((_, index) => index % 4 === 0) },
    props: Array.from({ length: props }, (_, index) => ({
      id: `ball${index + 1}`,
      name: `Ball ${index + 1}`,
      pixelCount,
      segments: [],
    })),
  });
}

/** Beat times at a steady tempo. */
export function steadyBeats(bpm: number, duration: number, offset = 0): number[] {
  const beats: number[] = [];
  for (let time = offset; time < duration; time += 60 / bpm) beats.push(Math.round(time * 1e6) / 1e6);
  return beats;
}
