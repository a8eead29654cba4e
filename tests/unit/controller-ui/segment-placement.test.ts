import { describe, expect, it } from 'vitest';
import {
  beatSeconds,
  nextBeatIndex,
  placeSegment,
} from '../../../src/controller-ui/src/editing/segment-placement.js';

const grid = (beats: number[], downbeats: number[] = []) => ({ beats, downbeats });
const base = { lengthInBeats: 4, duration: 60, frameRate: 100 } as const;

describe('segment placement for a tap on a lane', () => {
  it('starts on the next beat and spans the grid’s own beats (tempo changes included)', () => {
    const beats = [0, 0.5, 1, 1.5, 2, 2.6, 3.2, 3.8, 4.4];
    const span = placeSegment({ ...base, playhead: 1.2, placement: 'beat', beatGrid: grid(beats) });
    expect(span).toEqual({ start: 1.5, end: 3.8 });
  });

  it('counts a tap just after a beat as on it: fingers land late', () => {
    expect(nextBeatIndex([0, 0.5, 1], 0.53)).toBe(1);
    expect(nextBeatIndex([0, 0.5, 1], 0.6)).toBe(2);
    expect(nextBeatIndex([0, 0.5, 1], 1.2)).toBe(-1);
  });

  it('starts at the playhead when asked, with the length in typical beats', () => {
    const beats = Array.from({ length: 20 }, (_, index) => index * 0.5);
    const span = placeSegment({ ...base, playhead: 1.234, placement: 'playhead', beatGrid: grid(beats) });
    expect(span).toEqual({ start: 1.234, end: 3.234 });
  });

  it('extrapolates past the last beat and falls back to 120 bpm with no grid', () => {
    expect(placeSegment({ ...base, playhead: 9.9, placement: 'beat', beatGrid: grid([9, 10]) })).toEqual({
      start: 10,
      end: 14,
    });
    expect(placeSegment({ ...base, playhead: 3, placement: 'beat', beatGrid: grid([]) })).toEqual({
      start: 3,
      end: 5,
    });
    expect(beatSeconds({ beats: [], downbeats: [], bpm: 100 })).toBeCloseTo(0.6);
  });

  it('clips at the end of the show and refuses when less than a frame is left', () => {
    expect(placeSegment({ ...base, playhead: 58.5, placement: 'playhead', beatGrid: grid([]) })).toEqual({
      start: 58.5,
      end: 60,
    });
    expect(placeSegment({ ...base, playhead: 60, placement: 'playhead', beatGrid: grid([]) })).toBeNull();
  });
});
