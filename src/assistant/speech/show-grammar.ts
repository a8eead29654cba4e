// The JSGF grammar the embedded recognizer listens with, generated from the show's vocabulary. A closed
// grammar is what makes pocketsphinx usable here: free dictation gets under a tenth of the words right,
// a grammar of this show's names, colours and counts nearly all of them.
import { numberWords } from './spoken-numbers.js';
import type { ShowVocabulary } from './show-vocabulary.js';

/** Verbs the fast path understands; the grammar and the parser share this list. */
export const LOOK_VERBS = ['make', 'turn', 'flash', 'pulse', 'strobe', 'sparkle', 'chase'] as const;
export const CONTROL_PHRASES = [
  'undo',
  'redo',
  'blackout',
  'black out',
  'release blackout',
  'release black out',
] as const;

export interface ShowGrammar {
  readonly jsgf: string;
  /** Every word the grammar can produce (for the dictionary). */
  readonly words: readonly string[];
}

export function showGrammar(vocabulary: ShowVocabulary): ShowGrammar {
  const alternatives = (items: readonly string[]) => items.map((item) => item).join(' | ');
  const props = vocabulary.props.map((prop) => prop.words.join(' '));
  const groups = vocabulary.groups.map((group) => group.plural);
  const targets = ['<prop>', 'everything', 'all'];
  if (groups.length > 0) targets.push('all <group>');
  const colors = [...vocabulary.colors.keys()];
  // "a bar", "one beat", "eight beats": singular and plural each only where they fit.
  const counts = vocabulary.counts.filter((count) => count > 1).map((count) => numberWords(count).join(' '));
  const spans = [
    'for (a | one) (beat | bar | second)',
    'for <count> (beats | bars | seconds)',
    'until [the] end',
  ];
  if (vocabulary.sections.length > 0) spans.push('until [the] [next] <section>');
  const lines = [
    '#JSGF V1.0;',
    'grammar show;',
    'public <command> = <control> | <look>;',
    `<control> = ${alternatives(CONTROL_PHRASES)};`,
    '<look> = [make | turn] <targets> <color> [<span>]',
    '  | (flash | pulse | strobe | sparkle | chase) <targets> <color> [<span>]',
    '  | fade <targets> [<color>] to <color> [<span>]',
    '  | rainbow <targets> [<span>] | <targets> rainbow [<span>]',
    '  | stop <targets> [<span>];',
    '<targets> = <target> [and <target>];',
    `<target> = ${targets.join(' | ')};`,
    `<prop> = ${props.length > 0 ? alternatives(props) : '<VOID>'};`,
    ...(groups.length > 0 ? [`<group> = ${alternatives(groups)};`] : []),
    `<color> = ${alternatives(colors)};`,
    `<span> = ${spans.join(' | ')};`,
    `<count> = ${alternatives(counts)};`,
    ...(vocabulary.sections.length > 0
      ? [`<section> = ${alternatives(vocabulary.sections.map((section) => section.words.join(' ')))};`]
      : []),
  ];
  const jsgf = `${lines.join('\n')}\n`;
  const words = new Set<string>();
  for (const line of lines.slice(2)) {
    const body = line.replace(/^.*?=/, '').replace(/<[^>]+>/g, ' ');
    for (const word of body.match(/[a-z']+/g) ?? []) words.add(word);
  }
  return { jsgf, words: [...words].sort() };
}
