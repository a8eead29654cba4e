// Numbers as people say them, both ways: "Ball 2" is spoken "ball two", "thirty two beats" is 32.

const ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** 0..999 as words ("one hundred twenty eight"); larger numbers as their digits read one by one. */
export function numberWords(value: number): string[] {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`cannot say ${value}`);
  if (value >= 1000) return [...String(value)].map((digit) => ONES[Number(digit)] as string);
  const words: string[] = [];
  const hundreds = Math.floor(value / 100);
  const rest = value % 100;
  if (hundreds > 0) words.push(ONES[hundreds] as string, 'hundred');
  if (rest === 0) return words.length === 0 ? ['zero'] : words;
  if (rest < 20) words.push(ONES[rest] as string);
  else {
    words.push(TENS[Math.floor(rest / 10)] as string);
    if (rest % 10 > 0) words.push(ONES[rest % 10] as string);
  }
  return words;
}

/** The number that words spell, or null: ["thirty", "two"] → 32, ["a"] → 1. */
export function wordsNumber(words: readonly string[]): number | null {
  if (words.length === 1 && (words[0] === 'a' || words[0] === 'an')) return 1;
  let total = 0;
  let current = 0;
  let seen = false;
  for (const word of words) {
    const one = ONES.indexOf(word);
    const ten = TENS.indexOf(word);
    if (one >= 0) current += one;
    else if (ten >= 2) current += ten * 10;
    else if (word === 'hundred') current = Math.max(1, current) * 100;
    else return null;
    seen = true;
  }
  total += current;
  return seen ? total : null;
}
