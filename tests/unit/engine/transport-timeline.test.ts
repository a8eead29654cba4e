import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  endTime,
  loopCount,
  loopProblem,
  positionAt,
  segmentAt,
  type TransportSegment,
} from '../../../src/engine/transport-timeline.js';

const playing: TransportSegment = {
  anchorTime: 10,
  anchorPosition: 2,
  playing: true,
  rate: 1,
  loop: null,
  duration: 30,
};

describe('transport timeline', () => {
  it('holds before its anchor and while paused, moves at its rate while playing', () => {
    expect(positionAt(playing, 9)).toBe(2);
    expect(positionAt(playing, 11.5)).toBe(3.5);
    expect(positionAt({ ...playing, rate: 0.5 }, 12)).toBe(3);
    expect(positionAt({ ...playing, playing: false }, 20)).toBe(2);
  });

  it('stops at the end of the song and says when', () => {
    expect(positionAt(playing, 100)).toBe(30);
    expect(endTime(playing)).toBe(38);
    expect(endTime({ ...playing, rate: 2 })).toBe(24);
    expect(endTime({ ...playing, playing: false })).toBe(Infinity);
  });

  it('wraps a loop ahead of the playhead, counting the turns', () => {
    const looping = { ...playing, loop: { start: 4, end: 6 } };
    expect(positionAt(looping, 13.9)).toBeCloseTo(5.9, 9);
    expect(loopCount(looping, 13.9)).toBe(0);
    expect(positionAt(looping, 14)).toBe(4);
    expect(loopCount(looping, 14)).toBe(1);
    expect(positionAt(looping, 17)).toBeCloseTo(5, 9);
    expect(loopCount(looping, 18.5)).toBe(3);
    expect(endTime(looping)).toBe(Infinity);
  });

  it('ignores a loop the playhead is already past', () => {
    const past = { ...playing, anchorPosition: 7, loop: { start: 4, end: 6 } };
    expect(positionAt(past, 12)).toBe(9);
    expect(loopCount(past, 12)).toBe(0);
  });

  it('never goes back within a segment (no loop)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0.25, max: 2, noNaN: true }),
        (a, b, rate) => {
          const segment = { ...playing, rate };
          const [early, late] = a <= b ? [a, b] : [b, a];
          expect(positionAt(segment, late)).toBeGreaterThanOrEqual(positionAt(segment, early));
        },
      ),
    );
  });

  it('finds the segment in force at a time', () => {
    const later = { ...playing, anchorTime: 20, anchorPosition: 15 };
    expect(segmentAt([playing, later], 5)).toBe(playing);
    expect(segmentAt([playing, later], 19.99)).toBe(playing);
    expect(segmentAt([playing, later], 20)).toBe(later);
  });

  it('rejects loops outside the song or too short to hear', () => {
    expect(loopProblem({ start: 1, end: 2 }, 30)).toBeNull();
    expect(loopProblem({ start: -1, end: 2 }, 30)).toMatch(/outside the song/);
    expect(loopProblem({ start: 29, end: 31 }, 30)).toMatch(/outside the song/);
    expect(loopProblem({ start: 2, end: 2.01 }, 30)).toMatch(/shorter than 50 ms/);
    expect(loopProblem({ start: 3, end: 2 }, 30)).toMatch(/shorter than/);
    expect(loopProblem({ start: Number.NaN, end: 2 }, 30)).toMatch(/finite/);
  });
});
