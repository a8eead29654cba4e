// The recognizer's pronunciations, cut down to the words one grammar uses: pocketsphinx loads a 130,000
// word dictionary in about a second, a fifty-word one at once.
import { readFile } from 'node:fs/promises';

export const DEFAULT_DICTIONARY = '/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict';

/** Words of this trade that cmudict lacks, in its phone set. */
const TRADE_WORDS: Record<string, string> = {
  poi: 'P OY',
  pois: 'P OY Z',
  outro: 'AW T R OW',
  outros: 'AW T R OW Z',
  levistick: 'L EH V IY S T IH K',
  buugeng: 'B UW G EH NG',
};

export class PronouncingDictionary {
  private constructor(private readonly entries: ReadonlyMap<string, readonly string[]>) {}

  static async load(path: string = DEFAULT_DICTIONARY): Promise<PronouncingDictionary> {
    const text = await readFile(path, 'utf8');
    const entries = new Map<string, string[]>();
    for (const line of text.split('\n')) {
      const space = line.indexOf(' ');
      if (space <= 0) continue;
      // Alternative pronunciations are written "word(2)".
      const word = line.slice(0, space).replace(/\(\d+\)$/, '');
      const list = entries.get(word);
      if (list) list.push(line);
      else entries.set(word, [line]);
    }
    for (const [word, phones] of Object.entries(TRADE_WORDS)) {
      if (!entries.has(word)) entries.set(word, [`${word} ${phones}`]);
    }
    return new PronouncingDictionary(entries);
  }

  has(word: string): boolean {
    return this.entries.has(word);
  }

  /** The dictionary text for these words, and the words it has no pronunciation for. */
  subset(words: readonly string[]): { text: string; missing: string[] } {
    const lines: string[] = [];
    const missing: string[] = [];
    for (const word of words) {
      const found = this.entries.get(word);
      if (found) lines.push(...found);
      else missing.push(word);
    }
    return { text: `${lines.join('\n')}\n`, missing };
  }
}
