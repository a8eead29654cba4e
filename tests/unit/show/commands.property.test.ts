import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply, ShowSchema } from '../../../src/show/index.js';
import { anyCommandArb, resolveSegmentPicks } from '../../support/show-arbitraries.js';
import { emptyShow, steadyBeats } from '../../support/show-fixtures.js';

describe('apply (property)', () => {
  it('apply then its inverse gives back the original show, and every result is a valid show', () => {
    fc.assert(
      fc.property(fc.array(anyCommandArb, { minLength: 1, maxLength: 25 }), (commands) => {
        let show = emptyShow({ props: 3, duration: 60, beats: steadyBeats(128, 60) });
        for (const command of commands) {
          const before = structuredClone(show);
          const result = apply(show, resolveSegmentPicks(show, command));
          expect(show).toEqual(before);
          if (!result.ok) continue;
          const parsed = ShowSchema.safeParse(result.show);
          expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues[0])).toBe(true);
          const back = apply(result.show, result.inverse);
          expect(back.ok).toBe(true);
          if (back.ok) expect(back.show).toEqual(show);
          show = result.show;
        }
      }),
      { numRuns: 150 },
    );
  });
});
