// What can be said about one show: its props by spoken name (and their groups: "all balls"), colours,
// effects, sections and counts. The recognizer's grammar and the fast-path parser both come from this one
// description, so whatever the grammar lets through the parser understands.
import type { Rgb, Show } from '../../show/index.js';
import { numberWords } from './spoken-numbers.js';

export interface SpokenProp {
  readonly propId: string;
  /** "ball two" for a prop named "Ball 2". */
  readonly words: readonly string[];
}

export interface SpokenGroup {
  /** "balls" for props "Ball 1", "Ball 2", … */
  readonly plural: string;
  readonly propIds: readonly string[];
}

export interface SpokenSection {
  readonly words: readonly string[];
  readonly label: string;
}

export interface ShowVocabulary {
  readonly props: readonly SpokenProp[];
  readonly groups: readonly SpokenGroup[];
  readonly sections: readonly SpokenSection[];
  readonly colors: ReadonlyMap<string, Rgb>;
  readonly counts: readonly number[];
  /** Names left out because a word has no pronunciation, for the operator to see. */
  readonly dropped: readonly string[];
}

export const SPOKEN_COLORS: ReadonlyMap<string, Rgb> = new Map<string, Rgb>([
  ['red', [255, 0, 0]],
  ['green', [0, 255, 0]],
  ['blue', [0, 0, 255]],
  ['white', [255, 255, 255]],
  ['yellow', [255, 220, 0]],
  ['orange', [255, 110, 0]],
  ['amber', [255, 160, 0]],
  ['purple', [140, 0, 255]],
  ['violet', [200, 60, 255]],
  ['pink', [255, 60, 160]],
  ['magenta', [255, 0, 255]],
  ['cyan', [0, 255, 255]],
  ['teal', [0, 160, 140]],
  ['gold', [255, 190, 20]],
  ['black', [0, 0, 0]],
]);

/** Counts of beats, bars and seconds one may say. */
export const SPOKEN_COUNTS: readonly number[] = [
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 20, 24, 30, 32, 48, 64,
];

/** Words of a name as spoken: lower case, digits as number words ("Poi-left 2" → poi left two). */
export function spokenWords(name: string): string[] {
  const words: string[] = [];
  for (const token of name.toLowerCase().match(/[a-z']+|\d+/g) ?? []) {
    if (/^\d+$/.test(token)) words.push(...numberWords(Number(token)));
    else words.push(token.replace(/'/g, ''));
  }
  return words.filter((word) => word.length > 0);
}

/**
 * The show's vocabulary. `pronounceable` says whether the recognizer knows a word; names with a word it
 * does not know are dropped (and listed) rather than making the whole grammar fail.
 */
export function showVocabulary(show: Show, pronounceable: (word: string) => boolean): ShowVocabulary {
  const dropped: string[] = [];
  const sayable = (label: string, words: string[]): boolean => {
    const unknown = words.filter((word) => !pronounceable(word));
    if (words.length === 0 || unknown.length > 0) {
      dropped.push(`${label} (${unknown.join(', ') || 'no words'})`);
      return false;
    }
    return true;
  };
  const props: SpokenProp[] = [];
  const seen = new Set<string>();
  for (const prop of show.props) {
    const words = spokenWords(prop.name);
    const key = words.join(' ');
    if (!sayable(`prop "${prop.name}"`, words)) continue;
    if (seen.has(key)) {
      dropped.push(`prop "${prop.name}" (same spoken name as another prop)`);
      continue;
    }
    seen.add(key);
    props.push({ propId: prop.id, words });
  }
  // A group is the props whose names are one word followed by a number: "Ball 1".."Ball 4" → "balls".
  const byBase = new Map<string, string[]>();
  for (const prop of show.props) {
    const match = /^\s*([A-Za-z]+)[\s_-]*\d+\s*$/.exec(prop.name);
    if (!match) continue;
    const base = (match[1] as string).toLowerCase();
    byBase.set(base, [...(byBase.get(base) ?? []), prop.id]);
  }
  const groups: SpokenGroup[] = [];
  for (const [base, propIds] of byBase) {
    const plural = base.endsWith('s') ? `${base}es` : `${base}s`;
    if (propIds.length > 1 && pronounceable(plural)) groups.push({ plural, propIds });
  }
  const sections: SpokenSection[] = [];
  const sectionKeys = new Set<string>();
  for (const section of show.sections) {
    const words = spokenWords(section.label);
    const key = words.join(' ');
    if (sectionKeys.has(key) || !sayable(`section "${section.label}"`, words)) continue;
    sectionKeys.add(key);
    sections.push({ words, label: section.label });
  }
  const colors = new Map([...SPOKEN_COLORS].filter(([word]) => pronounceable(word)));
  return { props, groups, sections, colors, counts: SPOKEN_COUNTS, dropped };
}
