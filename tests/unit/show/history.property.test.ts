import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShowHistory, type Show } from '../../../src/show/index.js';
import { anyCommandArb, resolveSegmentPicks } from '../../support/show-arbitraries.js';
import { emptyShow, steadyBeats } from '../../support/show-fixtures.js';

const operationArb = fc.oneof(
  { weight: 5, arbitrary: anyCommandArb.map((command) => ({ op: 'commit' as const, command })) },
  { weight: 2, arbitrary: fc.constant({ op: 'undo' as const }) },
  { weight: 2, arbitrary: fc.constant({ op: 'redo' as const }) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ op: 'revert' as const, pick })) },
);

describe('history (property)', () => {
  it('undo, redo and revert reach the exact show of the checkpoint, and a reload replays to the same show', () => {
    fc.assert(
      fc.property(fc.array(operationArb, { minLength: 1, maxLength: 30 }), (operations) => {
        const initial = emptyShow({ props: 3, duration: 60, beats: steadyBeats(128, 60) });
        const history = new ShowHistory(initial);
        // The show after each revision, to compare with.
        const states: Show[] = [initial];
        const who = { author: 'operator' as const };
        for (const operation of operations) {
          if (operation.op === 'commit') {
            const result = history.commit(resolveSegmentPicks(history.show, operation.command), who);
            if (result.ok) states.push(result.show);
          } else if (operation.op === 'undo') {
            const canUndo = history.canUndo;
            const result = history.undo(who);
            expect(result.ok).toBe(canUndo);
            if (!result.ok) continue;
            const target = history.checkpoint(String(result.checkpoint.target));
            expect(history.show).toEqual(states[(target?.revision ?? 0) - 1]);
            states.push(result.show);
          } else if (operation.op === 'redo') {
            const canRedo = history.canRedo;
            const result = history.redo(who);
            expect(result.ok).toBe(canRedo);
            if (!result.ok) continue;
            const target = history.checkpoint(String(result.checkpoint.target));
            expect(history.show).toEqual(states[target?.revision ?? -1]);
            states.push(result.show);
          } else {
            const revision = operation.pick % (history.revision + 1);
            const result = history.revert(revision, who);
            if (revision === history.revision) {
              expect(result.ok).toBe(false);
              continue;
            }
            expect(result.ok).toBe(true);
            expect(history.show).toEqual(states[revision]);
            states.push(history.show);
          }
          expect(history.revision).toBe(states.length - 1);
        }
        for (let revision = 0; revision <= history.revision; revision++) {
          expect(history.showAt(revision)).toEqual(states[revision]);
        }
        const reloaded = new ShowHistory(initial, history.checkpoints());
        expect(reloaded.show).toEqual(history.show);
        expect([reloaded.canUndo, reloaded.canRedo]).toEqual([history.canUndo, history.canRedo]);
      }),
      { numRuns: 100 },
    );
  });
});
