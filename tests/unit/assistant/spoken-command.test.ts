import { describe, expect, it } from 'vitest';
import { showVocabulary } from '../../../src/assistant/speech/index.js';
import { parseSpokenCommand } from '../../../src/assistant/voice/index.js';
import { voiceTestShow } from '../../support/voice/voice-show.js';

const vocabulary = showVocabulary(voiceTestShow(), () => true);
const parse = (text: string) => parseSpokenCommand(text, vocabulary);

describe('fast-path parser', () => {
  it('reads a prop, a colour and a count of beats', () => {
    expect(parse('ball two red for eight beats')).toEqual({
      kind: 'look',
      action: 'solid',
      propIds: ['ball-2'],
      color: [255, 0, 0],
      span: { kind: 'count', count: 8, unit: 'beat' },
    });
  });

  it('reads groups, "everything", joined targets, verbs and sections', () => {
    expect(parse('all balls white for two bars')).toMatchObject({
      propIds: ['ball-1', 'ball-2', 'ball-3', 'ball-4'],
      span: { kind: 'count', count: 2, unit: 'bar' },
    });
    expect(parse('pulse everything green until the chorus')).toMatchObject({
      action: 'pulse',
      propIds: ['ball-1', 'ball-2', 'ball-3', 'ball-4', 'poi-left', 'poi-right', 'club'],
      span: { kind: 'until-section', label: 'Chorus' },
    });
    expect(parse('ball one and poi left pink for a bar')).toMatchObject({
      propIds: ['ball-1', 'poi-left'],
      span: { kind: 'count', count: 1, unit: 'bar' },
    });
    expect(parse('flash ball one blue')).toMatchObject({ action: 'flash', span: null });
    expect(parse('chase poi left cyan for thirty two beats')).toMatchObject({
      span: { kind: 'count', count: 32, unit: 'beat' },
    });
  });

  it('reads fades with and without a first colour, rainbow either way round, and stop', () => {
    expect(parse('fade ball one to red')).toMatchObject({ action: 'fade', color: [255, 0, 0] });
    expect(parse('fade ball one to red')).not.toHaveProperty('from');
    expect(parse('fade everything blue to green for eight beats')).toMatchObject({
      from: [0, 0, 255],
      color: [0, 255, 0],
    });
    expect(parse('rainbow all balls for four bars')).toMatchObject({ action: 'rainbow' });
    expect(parse('club rainbow until the end')).toMatchObject({
      action: 'rainbow',
      span: { kind: 'until-end' },
    });
    expect(parse('stop everything for four beats')).toMatchObject({ action: 'stop' });
  });

  it('reads the controls, spoken as one word or two', () => {
    expect(parse('undo')).toEqual({ kind: 'undo' });
    expect(parse('redo')).toEqual({ kind: 'redo' });
    expect(parse('blackout')).toEqual({ kind: 'blackout' });
    expect(parse('black out')).toEqual({ kind: 'blackout' });
    expect(parse('release blackout')).toEqual({ kind: 'release-blackout' });
  });

  it('leaves everything else to the assistant (null): partial, unknown names, extra words', () => {
    for (const text of [
      '',
      'make the chorus feel warmer',
      'ball nine red',
      'ball two',
      'ball two red for',
      'ball two red for eight',
      'ball two red for eight beats please',
      'fade ball one red',
      'until the chorus',
      'ball two red until the solo',
    ]) {
      expect(parse(text), text).toBeNull();
    }
  });
});
