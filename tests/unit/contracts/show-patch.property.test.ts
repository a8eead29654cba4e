import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyShowChange, ShowPatchSchema, showChange } from '../../../src/contracts/index.js';
import { apply, type Show } from '../../../src/show/index.js';
import { emptyShow } from '../../support/show-fixtures.js';
import { anyCommandArb, resolveSegmentPicks } from '../../support/show-arbitraries.js';

function run(show: Show, commands: readonly unknown[]): Show[] {
  const versions = [show];
  let current = show;
  for (const command of commands) {
    const result = apply(current, resolveSegmentPicks(current, command));
    if (result.ok) {
      current = result.show;
      versions.push(current);
    }
  }
  return versions;
}

describe('show patches', () => {
  it('rebuild every version of a show from the one before it', () => {
    fc.assert(
      fc.property(fc.array(anyCommandArb, { minLength: 1, maxLength: 12 }), (commands) => {
        const versions = run(emptyShow({ props: 3, duration: 60 }), commands);
        for (let index = 1; index < versions.length; index++) {
          const before = versions[index - 1] as Show;
          const after = versions[index] as Show;
          const change = JSON.parse(JSON.stringify(showChange(before, after))) as ReturnType<
            typeof showChange
          >;
          expect(applyShowChange(before, change)).toEqual(after);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('carry only the props that changed, and removals and song removal explicitly', () => {
    const before = emptyShow({ props: 3 });
    const withSong: Show = {
      ...before,
      audio: { file: 'song.wav', contentHash: 'a'.repeat(64), duration: 120 },
    };
    const painted = apply(withSong, {
      type: 'addSegment',
      propId: 'ball2',
      start: 1,
      end: 2,
      look: { kind: 'solid', color: [255, 0, 0] },
    });
    if (!painted.ok) throw new Error(painted.error.message);
    const change = showChange(withSong, painted.show);
    expect(change.upsertProps.map((prop) => prop.id)).toEqual(['ball2']);
    expect(change.removedPropIds).toEqual([]);

    const removed = apply(painted.show, { type: 'removeProp', propId: 'ball1' });
    if (!removed.ok) throw new Error(removed.error.message);
    const withoutSong: Show = { ...removed.show };
    delete withoutSong.audio;
    const second = showChange(painted.show, withoutSong);
    expect(second.removedPropIds).toEqual(['ball1']);
    expect(second.fields.audio).toBeNull();
    expect(applyShowChange(painted.show, second)).toEqual(withoutSong);
  });

  it('refuse a change that orders a prop it does not have', () => {
    const show = emptyShow({ props: 1 });
    expect(() =>
      applyShowChange(show, { fields: {}, upsertProps: [], removedPropIds: [], propOrder: ['ghost'] }),
    ).toThrow(/ghost/);
  });

  it('validate as a wire payload', () => {
    const before = emptyShow({ props: 2 });
    const after = apply(before, { type: 'setShowInfo', name: 'Renamed' });
    if (!after.ok) throw new Error(after.error.message);
    const patch = {
      branch: 'main',
      baseRevision: 0,
      revision: 1,
      checkpoint: {
        id: 'test-show@1',
        revision: 1,
        time: new Date(0).toISOString(),
        author: 'operator',
        label: 'rename',
        kind: 'edit',
      },
      canUndo: true,
      canRedo: false,
      ...showChange(before, after.show),
    };
    expect(ShowPatchSchema.safeParse(JSON.parse(JSON.stringify(patch))).success).toBe(true);
    expect(ShowPatchSchema.safeParse({ ...patch, revision: 0 }).success).toBe(false);
  });
});
