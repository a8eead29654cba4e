// Sequence Maker projects (.smproj) as shows: timelines → props, segments in seconds, lyrics, audio path.
import { describe, expect, it } from 'vitest';
import { FormatError, importSmproj, parseSmprojText } from '../../../../src/show/formats/index.js';
import { seedProject } from './smproj-fixture.js';

function problem(value: unknown): string {
  try {
    importSmproj(value);
  } catch (error) {
    if (error instanceof FormatError) return error.message;
    throw error;
  }
  throw new Error('accepted');
}

describe('.smproj import', () => {
  const { show, audioFile, warnings } = importSmproj(seedProject());

  it('takes the name, rate, song length, audio path and lyrics', () => {
    expect(show.name).toBe('Fast Car');
    expect(show.frameRate).toBe(100);
    expect(show.duration).toBeCloseTo(294.1137, 3);
    expect(audioFile).toBe('/home/juggler/songs/fast car.mp3');
    expect(show.audio).toBeUndefined();
    expect(show.lyrics).toEqual([
      { word: 'you', start: 20.94, end: 20.98 },
      { word: 'got', start: 20.98, end: 21.09 },
      { word: '<unk>', start: 60.12, end: 60.39 },
    ]);
  });

  it('makes one prop per timeline with unique ids', () => {
    expect(show.props.map((prop) => [prop.id, prop.name, prop.pixelCount])).toEqual([
      ['Ball_1', 'Ball 1', 4],
      ['Ball_1_2', 'Ball 1', 3],
    ]);
  });

  it('keeps solids, fades, pixel counts and strobes in seconds', () => {
    expect(
      show.props[0]!.segments.map(({ start, end, look, pixels }) => ({ start, end, look, pixels })),
    ).toEqual([
      { start: 0, end: 20.94, look: { kind: 'solid', color: [255, 0, 0] }, pixels: undefined },
      {
        start: 20.94,
        end: 21.53,
        look: { kind: 'fade', from: [255, 0, 0], to: [0, 0, 255] },
        pixels: { count: 2 },
      },
      {
        start: 23.05,
        end: 3600,
        look: { kind: 'strobe', color: [0, 255, 0], offColor: [0, 0, 0], rateHz: 8, duty: 0.25 },
        pixels: undefined,
      },
    ]);
  });

  it('sorts, lets the later of two overlapping segments win, drops empty ones, maps rainbow', () => {
    expect(show.props[1]!.segments.map(({ start, end, look }) => [start, end, look.kind])).toEqual([
      [0, 10, 'solid'],
      [10, 30, 'solid'],
      [50, 60, 'rainbow'],
      [60, 61, 'solid'],
    ]);
    expect(show.props[1]!.segments[2]!.look).toEqual({
      kind: 'rainbow',
      period: 2,
      spread: 0,
      saturation: 1,
      brightness: 0.8,
    });
  });

  it('says what it could not keep', () => {
    expect(warnings).toEqual([
      'timeline "Ball 1": dropped 1 segment(s) with no duration',
      'timeline "Ball 1": trimmed 1 overlapping segment(s); the later one wins',
      'timeline "Ball 1" at 60s: pulse effect on a solid segment has no equivalent; kept the solid',
    ]);
  });

  it('segment ids are unique across the show and the counter continues after them', () => {
    const ids = show.props.flatMap((prop) => prop.segments.map((segment) => segment.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(show.nextSegmentNumber).toBe(ids.length + 1);
  });

  it.each([
    [{ ...seedProject(), timelines: undefined }, /^timelines: /],
    [{ ...seedProject(), settings: { refreshRate: 0 } }, /^settings\.refreshRate: /],
    [
      {
        ...seedProject(),
        timelines: [{ name: 'B', segments: [{ startTime: 0, endTime: 1, color: [0, 0, 300] }] }],
      },
      /^timelines\.0\.segments\.0\.color\.2: /,
    ],
    [
      {
        ...seedProject(),
        timelines: [{ name: 'B', segments: [{ startTime: 5, endTime: 1, color: [0, 0, 0] }] }],
      },
      /^timelines\.0\.segments\.0\.endTime: endTime is before startTime/,
    ],
    [
      { ...seedProject(), lyrics: { word_timestamps: [{ word: 'x', start: -1, end: 0 }] } },
      /^lyrics\.word_timestamps\.0\.start: /,
    ],
    [
      { ...seedProject(), settings: { totalDuration: 0 }, audio: null, timelines: [] },
      /settings\.totalDuration: the project has no length and no segments/,
    ],
    ['a string', /^\(top level\): /],
  ])('names the bad field %#', (value, message) => {
    expect(problem(value)).toMatch(message);
  });

  it('keeps the editor’s 0.01 s timing even when the project was saved at refreshRate 1', () => {
    const project = {
      ...seedProject(),
      settings: { defaultPixels: 4, refreshRate: 1, totalDuration: 294.1 },
    };
    const imported = importSmproj(project).show;
    expect(imported.frameRate).toBe(100);
    expect(imported.props[0]!.segments[1]!.start).toBe(20.94);
  });

  it('reports JSON syntax errors with line and column', () => {
    expect(() => parseSmprojText('{\n "metadata": {,\n}')).toThrow(
      /the \.smproj file is not valid JSON at line 2/,
    );
  });
});
