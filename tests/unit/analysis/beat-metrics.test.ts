import { describe, expect, it } from 'vitest';
import { beatFMeasure, tempoIsAccurate, timeToLock } from '../../../src/analysis/beat-metrics.js';

const grid = (start: number, period: number, count: number) =>
  Array.from({ length: count }, (_, index) => start + index * period);

describe('beat F-measure', () => {
  const truth = grid(0.5, 0.5, 40);

  it('is 1 for exact beats and ignores the first 5 s', () => {
    const detected = [...grid(0.2, 0.37, 12).filter((t) => t < 5), ...truth.filter((t) => t >= 5)];
    expect(beatFMeasure(detected, truth).fMeasure).toBe(1);
  });

  it('accepts beats within ±70 ms and rejects beats just outside', () => {
    expect(
      beatFMeasure(
        truth.map((t) => t + 0.069),
        truth,
      ).fMeasure,
    ).toBe(1);
    expect(
      beatFMeasure(
        truth.map((t) => t + 0.071),
        truth,
      ).fMeasure,
    ).toBe(0);
  });

  it('counts a double-tempo track as half precision', () => {
    const doubled = grid(0.5, 0.25, 80);
    const score = beatFMeasure(doubled, truth);
    expect(score.recall).toBe(1);
    expect(score.precision).toBeCloseTo(0.5, 1);
  });

  it('matches each true beat at most once', () => {
    const twice = truth.flatMap((t) => [t - 0.01, t + 0.01]);
    expect(beatFMeasure(twice, truth, { ignoreBefore: 0 }).precision).toBeCloseTo(0.5, 5);
  });
});

describe('tempo accuracy and time to lock', () => {
  it('accepts 4 % and rejects octave errors', () => {
    expect(tempoIsAccurate(124.7, 120)).toBe(true);
    expect(tempoIsAccurate(124.9, 120)).toBe(false);
    expect(tempoIsAccurate(60, 120)).toBe(false);
  });

  it('measures lock from the music start to the first run of four matched beats', () => {
    const truth = grid(1, 0.5, 20);
    const fired = [1.3, 1.9, ...truth.slice(3)];
    expect(timeToLock(fired, truth, 1)).toBeCloseTo(1.5, 5);
    expect(timeToLock([], truth, 1)).toBe(Number.POSITIVE_INFINITY);
  });

  it('does not count a run with an extra beat fired in between as locked', () => {
    const truth = grid(0, 0.5, 8);
    const fired = [0, 0.25, 0.5, 1, 1.5, 2, 2.5, 3, 3.5];
    expect(timeToLock(fired, truth, 0)).toBeCloseTo(0.5, 5);
  });
});
