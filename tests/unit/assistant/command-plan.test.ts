import { describe, expect, it } from 'vitest';
import { planSpokenCommand, type SpokenCommand } from '../../../src/assistant/voice/index.js';
import { ShowSchema, type Show } from '../../../src/show/index.js';
import { voiceTestShow } from '../../support/voice/voice-show.js';

const look = (
  span: Extract<SpokenCommand, { kind: 'look' }>['span'],
  action: 'solid' | 'flash' = 'solid',
): SpokenCommand => ({ kind: 'look', action, propIds: ['ball-2'], color: [255, 0, 0], span });

function planned(spoken: SpokenCommand, show: Show, playhead: number, lookahead = 0.1) {
  const plan = planSpokenCommand(spoken, show, { playhead, lookahead });
  if (!plan.ok) throw new Error(plan.message);
  if (plan.edit.kind !== 'command') throw new Error('not a command');
  return plan.edit.command as { start: number; end: number; type: string };
}

describe('spoken times on the beat grid', () => {
  const show = voiceTestShow();

  it('starts on the first beat after playhead + lookahead', () => {
    expect(planned(look({ kind: 'count', count: 8, unit: 'beat' }), show, 10).start).toBe(10.5);
    // A beat inside the lookahead is too late for the props: the next one.
    expect(planned(look({ kind: 'count', count: 8, unit: 'beat' }), show, 10.45).start).toBe(11);
    expect(planned(look({ kind: 'count', count: 1, unit: 'beat' }), show, 10.45, 0.3).start).toBe(11);
  });

  it('counts beats, bars (of the grid’s metre) and seconds; a flash is one beat', () => {
    expect(planned(look({ kind: 'count', count: 8, unit: 'beat' }), show, 10).end).toBe(14.5);
    expect(planned(look({ kind: 'count', count: 2, unit: 'bar' }), show, 10).end).toBe(14.5);
    expect(planned(look({ kind: 'count', count: 10, unit: 'second' }), show, 10).end).toBe(20.5);
    expect(planned(look(null, 'flash'), show, 10).end).toBe(11);
  });

  it('runs to a named section, to the end, or by default to the end of the section it starts in', () => {
    expect(planned(look({ kind: 'until-section', label: 'Chorus' }), show, 10).end).toBe(48);
    expect(planned(look({ kind: 'until-end' }), show, 10).end).toBe(120);
    expect(planned(look(null), show, 20).end).toBe(48);
  });

  it('follows the tempo past the last beat of the grid, and stops at the end of the show', () => {
    const short = ShowSchema.parse({ ...show, beatGrid: { beats: [0, 0.5, 1, 1.5, 2], downbeats: [0, 2] } });
    expect(planned(look({ kind: 'count', count: 4, unit: 'beat' }), short, 1.6)).toMatchObject({
      start: 2,
      end: 4,
    });
    expect(planned(look({ kind: 'count', count: 64, unit: 'beat' }), show, 110).end).toBe(120);
  });

  it('refuses with a reason: no beats to count, no such section ahead, no time left', () => {
    const noGrid = ShowSchema.parse({ ...show, beatGrid: { beats: [], downbeats: [] } });
    const counted = planSpokenCommand(look({ kind: 'count', count: 4, unit: 'beat' }), noGrid, {
      playhead: 1,
      lookahead: 0.1,
    });
    expect(counted).toMatchObject({ ok: false, message: expect.stringMatching(/no beat grid/) });
    expect(planned(look({ kind: 'count', count: 2, unit: 'second' }), noGrid, 1)).toMatchObject({
      start: 1.1,
      end: 3.1,
    });
    const passed = planSpokenCommand(look({ kind: 'until-section', label: 'Intro' }), show, {
      playhead: 30,
      lookahead: 0.1,
    });
    expect(passed).toMatchObject({ ok: false, message: expect.stringMatching(/no Intro after/) });
    const late = planSpokenCommand(look({ kind: 'count', count: 1, unit: 'beat' }), show, {
      playhead: 119.95,
      lookahead: 0.1,
    });
    expect(late.ok).toBe(false);
  });

  it('maps controls to undo, redo and the blackout latch', () => {
    expect(planSpokenCommand({ kind: 'undo' }, show, { playhead: 0, lookahead: 0 })).toEqual({
      ok: true,
      edit: { kind: 'undo' },
    });
    expect(planSpokenCommand({ kind: 'release-blackout' }, show, { playhead: 0, lookahead: 0 })).toEqual({
      ok: true,
      edit: { kind: 'blackout', on: false },
    });
  });
});
