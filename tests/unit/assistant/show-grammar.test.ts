import { describe, expect, it } from 'vitest';
import {
  numberWords,
  showGrammar,
  showVocabulary,
  spokenWords,
  wordsNumber,
} from '../../../src/assistant/speech/index.js';
import { ShowSchema } from '../../../src/show/index.js';
import { voiceTestShow } from '../../support/voice/voice-show.js';

describe('show grammar', () => {
  it('says names as people do: digits as words, groups by plural', () => {
    expect(spokenWords('Ball 2')).toEqual(['ball', 'two']);
    expect(spokenWords('Poi-left_32')).toEqual(['poi', 'left', 'thirty', 'two']);
    expect(numberWords(120)).toEqual(['one', 'hundred', 'twenty']);
    expect(wordsNumber(['thirty', 'two'])).toBe(32);
    expect(wordsNumber(['a'])).toBe(1);
    expect(wordsNumber(['beats'])).toBeNull();
    const vocabulary = showVocabulary(voiceTestShow(), () => true);
    expect(vocabulary.props.map((prop) => prop.words.join(' '))).toContain('ball two');
    expect(vocabulary.groups).toEqual([
      { plural: 'balls', propIds: ['ball-1', 'ball-2', 'ball-3', 'ball-4'] },
    ]);
  });

  it('is made of the show: its props, sections, colours and verbs; every word listed for the dictionary', () => {
    const grammar = showGrammar(showVocabulary(voiceTestShow(), () => true));
    expect(grammar.jsgf).toMatch(/^#JSGF V1\.0;/);
    expect(grammar.jsgf).toContain('ball two');
    expect(grammar.jsgf).toContain('poi left');
    expect(grammar.jsgf).toContain('<group> = balls;');
    expect(grammar.jsgf).toMatch(/<section> = .*chorus/);
    for (const word of [
      'flash',
      'pulse',
      'strobe',
      'fade',
      'undo',
      'redo',
      'blackout',
      'release',
      'red',
      'beats',
      'thirty',
    ])
      expect(grammar.words).toContain(word);
  });

  it('drops and reports names with a word the recognizer cannot say, and follows renames', () => {
    const show = voiceTestShow();
    const renamed = ShowSchema.parse({
      ...show,
      props: show.props.map((prop) => (prop.id === 'club' ? { ...prop, name: 'Zxqv wand' } : prop)),
    });
    const known = (word: string) => word !== 'zxqv';
    const vocabulary = showVocabulary(renamed, known);
    expect(vocabulary.props.map((prop) => prop.propId)).not.toContain('club');
    expect(vocabulary.dropped).toEqual(['prop "Zxqv wand" (zxqv)']);
    expect(showGrammar(vocabulary).jsgf).not.toBe(showGrammar(showVocabulary(show, known)).jsgf);
  });
});
