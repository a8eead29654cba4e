// Preview mode on the controller: a waiting preview proposal is applied to this controller's copy of the
// show (for the prop previews only); anything else leaves the previews on the real show.
import { describe, expect, it } from 'vitest';
import { AssistantStatusSchema } from '../../../src/contracts/index.js';
import { previewedShow } from '../../../src/controller-ui/src/copilot/proposal-preview.js';
import { emptyShow } from '../../support/show-fixtures.js';

const WHITE_FLASH = {
  type: 'addSegment',
  propId: 'ball1',
  start: 2,
  end: 3,
  look: { kind: 'solid', color: [255, 255, 255] },
};

function proposed(
  reason: 'preview' | 'confirm',
  edits: unknown[],
  state: 'proposed' | 'rejected' = 'proposed',
) {
  return AssistantStatusSchema.parse({
    requestId: 3,
    state,
    prompt: 'flash ball one white',
    message: 'preview on the virtual props',
    proposal: { label: 'assistant: flash', edits, segments: 1, seconds: 1, reason },
  });
}

describe('the proposal preview', () => {
  it('is the show with the edits applied while a preview proposal waits, and the real show is untouched', () => {
    const show = emptyShow();
    const previewed = previewedShow(show, proposed('preview', [WHITE_FLASH]));
    expect(previewed?.props[0]?.segments).toMatchObject([
      { start: 2, end: 3, look: { kind: 'solid', color: [255, 255, 255] } },
    ]);
    expect(show.props[0]?.segments).toEqual([]);
  });

  it('is nothing for a confirm proposal, a decided one, or no request', () => {
    const show = emptyShow();
    expect(previewedShow(show, proposed('confirm', [WHITE_FLASH]))).toBeNull();
    expect(previewedShow(show, proposed('preview', [WHITE_FLASH], 'rejected'))).toBeNull();
    expect(previewedShow(show, null)).toBeNull();
    expect(previewedShow(null, proposed('preview', [WHITE_FLASH]))).toBeNull();
  });

  it('is nothing when the edits do not fit the show this controller holds', () => {
    const elsewhere = { ...WHITE_FLASH, propId: 'no-such-prop' };
    expect(previewedShow(emptyShow(), proposed('preview', [elsewhere]))).toBeNull();
  });
});
