import { describe, expect, it } from 'vitest';
import { patchDisposition } from '../../../src/controller-ui/src/session/patch-disposition.js';

const held = { branch: 'main' as const, revision: 5, hasShow: true };

describe('what a controller does with a show patch', () => {
  it('applies the patch that follows its revision on its branch', () => {
    expect(patchDisposition(held, { branch: 'main', baseRevision: 5, revision: 6 })).toBe('apply');
  });

  it('ignores an echo of a revision it already holds (a snapshot overtook the patch)', () => {
    expect(patchDisposition(held, { branch: 'main', baseRevision: 4, revision: 5 })).toBe('ignore');
    expect(patchDisposition(held, { branch: 'main', baseRevision: 2, revision: 3 })).toBe('ignore');
  });

  it('resyncs on a gap, on another branch, or before it has a show', () => {
    expect(patchDisposition(held, { branch: 'main', baseRevision: 6, revision: 7 })).toBe('resync');
    expect(patchDisposition(held, { branch: 'rehearsal', baseRevision: 5, revision: 6 })).toBe('resync');
    expect(
      patchDisposition({ ...held, hasShow: false }, { branch: 'main', baseRevision: 5, revision: 6 }),
    ).toBe('resync');
  });
});
