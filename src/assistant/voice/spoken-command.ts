// The fast path's parser: words the show grammar fully accepts become a structured command, with no model
// in between. Anything it does not parse to the last word goes to the co-pilot instead.
import type { Rgb } from '../../show/index.js';
import type { ShowVocabulary } from '../speech/show-vocabulary.js';
import { wordsNumber } from '../speech/spoken-numbers.js';

export type LookAction =
  'solid' | 'flash' | 'pulse' | 'strobe' | 'sparkle' | 'chase' | 'fade' | 'rainbow' | 'stop';

export type SpokenSpan =
  | { readonly kind: 'count'; readonly count: number; readonly unit: 'beat' | 'bar' | 'second' }
  | { readonly kind: 'until-end' }
  | { readonly kind: 'until-section'; readonly label: string };

export type SpokenCommand =
  | { readonly kind: 'undo' | 'redo' | 'blackout' | 'release-blackout' }
  | {
      readonly kind: 'look';
      readonly action: LookAction;
      readonly propIds: readonly string[];
      readonly color?: Rgb;
      /** The fade's first colour, when one was said. */
      readonly from?: Rgb;
      readonly span: SpokenSpan | null;
    };

const CONTROLS: Record<string, SpokenCommand> = {
  undo: { kind: 'undo' },
  redo: { kind: 'redo' },
  blackout: { kind: 'blackout' },
  'black out': { kind: 'blackout' },
  'release blackout': { kind: 'release-blackout' },
  'release black out': { kind: 'release-blackout' },
};

const VERB_ACTIONS: Record<string, LookAction> = {
  make: 'solid',
  turn: 'solid',
  flash: 'flash',
  pulse: 'pulse',
  strobe: 'strobe',
  sparkle: 'sparkle',
  chase: 'chase',
  fade: 'fade',
  rainbow: 'rainbow',
  stop: 'stop',
};

const UNITS: Record<string, 'beat' | 'bar' | 'second'> = {
  beat: 'beat',
  beats: 'beat',
  bar: 'bar',
  bars: 'bar',
  second: 'second',
  seconds: 'second',
};

/** Reads words against a show's vocabulary; null when they are not one complete fast-path command. */
export function parseSpokenCommand(text: string, vocabulary: ShowVocabulary): SpokenCommand | null {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  const control = CONTROLS[words.join(' ')];
  if (control) return control;
  const reader = new WordReader(words);
  const verb = VERB_ACTIONS[reader.peek() ?? ''];
  if (verb) reader.next();
  let action: LookAction = verb ?? 'solid';
  const propIds = readTargets(reader, vocabulary);
  if (propIds === null) return null;
  let color: Rgb | undefined;
  let from: Rgb | undefined;
  if (!verb && reader.peek() === 'rainbow') {
    reader.next();
    action = 'rainbow';
  } else if (action === 'fade') {
    const first = readColor(reader, vocabulary);
    if (!reader.take('to')) return null;
    color = readColor(reader, vocabulary);
    if (!color) return null;
    from = first;
  } else if (action !== 'rainbow' && action !== 'stop') {
    color = readColor(reader, vocabulary);
    if (!color) return null;
  }
  const span = readSpan(reader, vocabulary);
  if (span === undefined || !reader.done) return null;
  return {
    kind: 'look',
    action,
    propIds,
    ...(color ? { color } : {}),
    ...(from ? { from } : {}),
    span,
  };
}

class WordReader {
  private index = 0;
  constructor(private readonly words: readonly string[]) {}
  get done(): boolean {
    return this.index >= this.words.length;
  }
  peek(offset = 0): string | undefined {
    return this.words[this.index + offset];
  }
  next(): string | undefined {
    return this.words[this.index++];
  }
  take(word: string): boolean {
    if (this.peek() !== word) return false;
    this.index++;
    return true;
  }
  /** Takes the phrase if the next words are exactly it. */
  takePhrase(phrase: readonly string[]): boolean {
    if (phrase.length === 0 || !phrase.every((word, offset) => this.peek(offset) === word)) return false;
    this.index += phrase.length;
    return true;
  }
  get position(): number {
    return this.index;
  }
  rewind(to: number): void {
    this.index = to;
  }
}

function readTargets(reader: WordReader, vocabulary: ShowVocabulary): string[] | null {
  const chosen = new Set<string>();
  for (;;) {
    const target = readTarget(reader, vocabulary);
    if (target === null) return null;
    target.forEach((id) => chosen.add(id));
    if (!reader.take('and')) break;
  }
  return [...chosen];
}

function readTarget(reader: WordReader, vocabulary: ShowVocabulary): readonly string[] | null {
  if (reader.take('everything')) return vocabulary.props.map((prop) => prop.propId);
  if (reader.take('all')) {
    for (const group of vocabulary.groups) if (reader.take(group.plural)) return group.propIds;
    return vocabulary.props.map((prop) => prop.propId);
  }
  // Longest name first, so "ball one" is not read as a prop "ball" followed by "one".
  const byLength = [...vocabulary.props].sort((a, b) => b.words.length - a.words.length);
  for (const prop of byLength) if (reader.takePhrase(prop.words)) return [prop.propId];
  return null;
}

function readColor(reader: WordReader, vocabulary: ShowVocabulary): Rgb | undefined {
  const color = vocabulary.colors.get(reader.peek() ?? '');
  if (color) reader.next();
  return color;
}

/** The span, null when none was said, undefined when what follows is not a span. */
function readSpan(reader: WordReader, vocabulary: ShowVocabulary): SpokenSpan | null | undefined {
  if (reader.done) return null;
  if (reader.take('for')) {
    const start = reader.position;
    for (let length = 3; length >= 1; length--) {
      reader.rewind(start);
      const countWords: string[] = [];
      for (let i = 0; i < length; i++) countWords.push(reader.next() ?? '');
      const count = wordsNumber(countWords);
      const unit = UNITS[reader.peek() ?? ''];
      if (count !== null && count > 0 && unit) {
        reader.next();
        return { kind: 'count', count, unit };
      }
    }
    return undefined;
  }
  if (reader.take('until')) {
    reader.take('the');
    if (reader.take('end')) return { kind: 'until-end' };
    reader.take('next');
    const byLength = [...vocabulary.sections].sort((a, b) => b.words.length - a.words.length);
    for (const section of byLength) {
      if (reader.takePhrase(section.words)) return { kind: 'until-section', label: section.label };
    }
  }
  return undefined;
}
