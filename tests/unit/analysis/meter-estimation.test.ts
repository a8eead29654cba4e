// Meter estimation on per-beat downbeat likelihoods with a known bar pattern under noise: the decision on
// its own, beside the whole-song test that checks it on every generated song.
import { describe, expect, it } from 'vitest';
import { estimateBeatsPerBar, meterStrength } from '../../../src/analysis/meter-estimation.js';
import { seededRandom } from '../../support/test-audio/prng.js';

/** `bars` bars of `pattern` (one likelihood per beat) plus uniform noise of ± `noise`. */
function likelihoods(pattern: readonly number[], bars: number, noise: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from(
    { length: bars * pattern.length },
    (_, beat) => (pattern[beat % pattern.length] as number) + noise * (2 * random() - 1),
  );
}

const backbeat = [2, -1, 0.5, -1];
const waltz = [2, -0.8, -0.8];

describe('estimateBeatsPerBar', () => {
  it('reads a backbeat as 4/4 and an oom-pah-pah as 3/4, through noise as loud as the accents', () => {
    for (let seed = 1; seed <= 20; seed += 1) {
      expect(estimateBeatsPerBar(likelihoods(backbeat, 32, 2, seed)), `4/4 seed ${seed}`).toBe(4);
      expect(estimateBeatsPerBar(likelihoods(waltz, 32, 2, seed)), `3/4 seed ${seed}`).toBe(3);
    }
  });

  it('keeps 4/4 when the bar phase jumps (a dropped beat) and when only every other beat is accented', () => {
    const dropped = [...likelihoods(backbeat, 10, 0.5, 7), ...likelihoods(backbeat, 10, 0.5, 8).slice(1)];
    expect(estimateBeatsPerBar(dropped)).toBe(4);
    expect(estimateBeatsPerBar(likelihoods([1, -1], 64, 0.5, 9))).toBe(4);
  });

  it('assumes 4/4 without evidence: noise only, a constant, too few beats, none', () => {
    const random = seededRandom(3);
    expect(estimateBeatsPerBar(Array.from({ length: 200 }, () => random()))).toBe(4);
    expect(estimateBeatsPerBar(new Array<number>(100).fill(1))).toBe(4);
    expect(estimateBeatsPerBar(likelihoods(waltz, 3, 0, 1))).toBe(4);
    expect(estimateBeatsPerBar([])).toBe(4);
  });

  it('scores a clean pattern near 1 at its own period and near 0 at the other', () => {
    expect(meterStrength(likelihoods(waltz, 16, 0, 1), 3)).toBeGreaterThan(0.95);
    expect(meterStrength(likelihoods(waltz, 16, 0, 1), 4)).toBeLessThan(0.1);
    expect(meterStrength(likelihoods(backbeat, 16, 0, 1), 4)).toBeGreaterThan(0.95);
    expect(meterStrength(likelihoods(backbeat, 16, 0, 1), 3)).toBeLessThan(0.1);
  });
});
