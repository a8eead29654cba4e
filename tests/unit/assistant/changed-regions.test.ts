import { describe, expect, it } from 'vitest';
import { changedRegions } from '../../../src/assistant/live-edit/changed-regions.js';
import { apply, type Show } from '../../../src/show/index.js';
import { emptyShow } from '../../support/show-fixtures.js';

function applied(show: Show, command: unknown): Show {
  const result = apply(show, command);
  if (!result.ok) throw new Error(result.error.message);
  return result.show;
}
const solid = (color: number[]) => ({ kind: 'solid', color });

describe('changedRegions', () => {
  it('counts what an edit wrote, not the pieces it split off an old segment', () => {
    const base = applied(emptyShow(), {
      type: 'addSegment',
      propId: 'ball1',
      start: 0,
      end: 10,
      look: solid([255, 0, 0]),
    });
    const after = applied(base, {
      type: 'addSegment',
      propId: 'ball1',
      start: 4,
      end: 6,
      look: solid([0, 0, 255]),
    });
    const change = changedRegions(base, after);
    expect(change.segments).toBe(1);
    expect(change.seconds).toBeCloseTo(2);
    expect(change.regions).toEqual([{ propId: 'ball1', start: 4, end: 6 }]);
  });

  it('counts removed segments and the time they covered', () => {
    let base = emptyShow();
    for (const start of [0, 2, 4])
      base = applied(base, {
        type: 'addSegment',
        propId: 'ball2',
        start,
        end: start + 1,
        look: solid([9, 9, 9]),
      });
    const after = applied(base, { type: 'clearRange', propIds: ['ball2'], start: 1.5, end: 10 });
    const change = changedRegions(base, after);
    expect(change.segments).toBe(2);
    expect(change.seconds).toBeCloseTo(2);
  });
});
