import { describe, expect, it } from 'vitest';
import { musicalPosition } from '../../../src/controller-ui/src/transport/musical-position.js';

// 4/4 at 120 bpm with the first downbeat on the second beat (a pickup).
const beats = Array.from({ length: 13 }, (_, index) => index * 0.5);
const grid = { beats, downbeats: [0.5, 2.5, 4.5] };
const sections = [
  { start: 0, end: 2.5, label: 'intro', energy: 0.2 },
  { start: 2.5, end: 6.5, label: 'verse', energy: 0.6 },
];

describe('bar.beat and section at the playhead', () => {
  it('counts bars from the first downbeat and beats within the bar', () => {
    expect(musicalPosition(0.5, grid, sections)).toEqual({ bar: 1, beat: 1, section: 'intro' });
    expect(musicalPosition(2.2, grid, sections)).toEqual({ bar: 1, beat: 4, section: 'intro' });
    expect(musicalPosition(2.5, grid, sections)).toEqual({ bar: 2, beat: 1, section: 'verse' });
    expect(musicalPosition(5.1, grid, sections)).toEqual({ bar: 3, beat: 2, section: 'verse' });
  });

  it('has no bar before the first downbeat or without a grid', () => {
    expect(musicalPosition(0.2, grid, sections)).toEqual({ bar: null, beat: null, section: 'intro' });
    expect(musicalPosition(3, { beats: [], downbeats: [] }, [])).toEqual({
      bar: null,
      beat: null,
      section: null,
    });
  });
});
