// Spoken show commands and the change each must make to the voice test show, checked on the show itself.
// The playhead is at 10 s with 0.1 s of device lookahead, so a change starts on the beat at 10.5 s.
import type { Rgb, Show } from '../../../src/show/index.js';

export const PLAYHEAD = 10;
export const LOOKAHEAD = 0.1;
export const START = 10.5;
const BEAT = 0.5;
const BALLS = ['ball-1', 'ball-2', 'ball-3', 'ball-4'];
const ALL = [...BALLS, 'poi-left', 'poi-right', 'club'];

export type Expectation =
  | {
      readonly kind: 'look';
      readonly propIds: readonly string[];
      readonly end: number;
      readonly look: string;
      readonly color?: Rgb;
      /** For fades: the colour it starts from. */
      readonly from?: Rgb;
    }
  | { readonly kind: 'cleared'; readonly propIds: readonly string[]; readonly end: number }
  | { readonly kind: 'undo' | 'redo' }
  | { readonly kind: 'blackout'; readonly on: boolean };

export interface SpokenCase {
  readonly text: string;
  readonly expect: Expectation;
}

const look = (
  propIds: readonly string[],
  end: number,
  kind: string,
  color?: Rgb,
  from?: Rgb,
): Expectation => ({
  kind: 'look',
  propIds,
  end,
  look: kind,
  ...(color ? { color } : {}),
  ...(from ? { from } : {}),
});
const beats = (count: number) => START + count * BEAT;
const RED: Rgb = [255, 0, 0];
const GREEN: Rgb = [0, 255, 0];
const BLUE: Rgb = [0, 0, 255];
const WHITE: Rgb = [255, 255, 255];

export const SPOKEN_CASES: readonly SpokenCase[] = [
  { text: 'ball two red for eight beats', expect: look(['ball-2'], beats(8), 'solid', RED) },
  { text: 'all balls white for two bars', expect: look(BALLS, beats(8), 'solid', WHITE) },
  { text: 'flash ball one blue', expect: look(['ball-1'], beats(1), 'solid', BLUE) },
  { text: 'pulse everything green until the chorus', expect: look(ALL, 48, 'pulse', GREEN) },
  { text: 'undo', expect: { kind: 'undo' } },
  { text: 'redo', expect: { kind: 'redo' } },
  { text: 'blackout', expect: { kind: 'blackout', on: true } },
  { text: 'release blackout', expect: { kind: 'blackout', on: false } },
  { text: 'ball three yellow for four beats', expect: look(['ball-3'], beats(4), 'solid', [255, 220, 0]) },
  { text: 'make ball four purple for one bar', expect: look(['ball-4'], beats(4), 'solid', [140, 0, 255]) },
  {
    text: 'turn poi left orange for sixteen beats',
    expect: look(['poi-left'], beats(16), 'solid', [255, 110, 0]),
  },
  { text: 'strobe poi right white for two bars', expect: look(['poi-right'], beats(8), 'strobe', WHITE) },
  { text: 'fade ball one to red for four bars', expect: look(['ball-1'], beats(16), 'fade', RED, BLUE) },
  { text: 'fade everything blue to green for eight beats', expect: look(ALL, beats(8), 'fade', GREEN, BLUE) },
  { text: 'rainbow all balls for four bars', expect: look(BALLS, beats(16), 'rainbow') },
  { text: 'sparkle club gold until the end', expect: look(['club'], 120, 'sparkle', [255, 190, 20]) },
  {
    text: 'chase poi left cyan for thirty two beats',
    expect: look(['poi-left'], beats(32), 'chase', [0, 255, 255]),
  },
  { text: 'stop ball two for two bars', expect: { kind: 'cleared', propIds: ['ball-2'], end: beats(8) } },
  {
    text: 'ball one and ball three pink for six beats',
    expect: look(['ball-1', 'ball-3'], beats(6), 'solid', [255, 60, 160]),
  },
  {
    text: 'poi left and poi right magenta until the bridge',
    expect: look(['poi-left', 'poi-right'], 80, 'solid', [255, 0, 255]),
  },
  { text: 'pulse all balls amber for three bars', expect: look(BALLS, beats(12), 'pulse', [255, 160, 0]) },
  { text: 'flash everything white', expect: look(ALL, beats(1), 'solid', WHITE) },
  { text: 'ball four green for ten seconds', expect: look(['ball-4'], START + 10, 'solid', GREEN) },
  { text: 'club rainbow for twelve beats', expect: look(['club'], beats(12), 'rainbow') },
  { text: 'strobe ball three red for five seconds', expect: look(['ball-3'], START + 5, 'strobe', RED) },
  { text: 'make everything teal until the verse', expect: look(ALL, 16, 'solid', [0, 160, 140]) },
  { text: 'turn club violet for a bar', expect: look(['club'], beats(4), 'solid', [200, 60, 255]) },
  {
    text: 'pulse poi right blue for twenty four beats',
    expect: look(['poi-right'], beats(24), 'pulse', BLUE),
  },
  { text: 'ball two white until the outro', expect: look(['ball-2'], 96, 'solid', WHITE) },
  {
    text: 'sparkle all balls purple for eight bars',
    expect: look(BALLS, beats(32), 'sparkle', [140, 0, 255]),
  },
  {
    text: 'fade ball three to black for two bars',
    expect: look(['ball-3'], beats(8), 'fade', [0, 0, 0], GREEN),
  },
  { text: 'stop everything for four beats', expect: { kind: 'cleared', propIds: ALL, end: beats(4) } },
  { text: 'chase ball one red for sixteen beats', expect: look(['ball-1'], beats(16), 'chase', RED) },
];

/** What is wrong with `after` for this expectation, or null when the show changed as it should. */
export function showProblem(expect: Expectation, before: Show, after: Show): string | null {
  if (expect.kind !== 'look' && expect.kind !== 'cleared') return null;
  const problems: string[] = [];
  for (const prop of after.props) {
    const old = before.props.find((candidate) => candidate.id === prop.id);
    const targeted = expect.propIds.includes(prop.id);
    if (!targeted) {
      if (JSON.stringify(old?.segments) !== JSON.stringify(prop.segments))
        problems.push(`${prop.id} changed`);
      continue;
    }
    const inside = prop.segments.filter(
      (segment) => segment.end > START + 1e-3 && segment.start < expect.end - 1e-3,
    );
    if (expect.kind === 'cleared') {
      if (inside.length > 0) problems.push(`${prop.id} still has ${inside.length} segment(s) in the range`);
      continue;
    }
    const segment = inside[0];
    if (inside.length !== 1 || !segment) {
      problems.push(`${prop.id} has ${inside.length} segments in the range`);
      continue;
    }
    if (Math.abs(segment.start - START) > 0.011 || Math.abs(segment.end - expect.end) > 0.011)
      problems.push(`${prop.id} spans ${segment.start}–${segment.end}, expected ${START}–${expect.end}`);
    if (segment.look.kind !== expect.look)
      problems.push(`${prop.id} is ${segment.look.kind}, expected ${expect.look}`);
    const color =
      'color' in segment.look
        ? segment.look.color
        : segment.look.kind === 'fade'
          ? segment.look.to
          : undefined;
    if (expect.color && JSON.stringify(color) !== JSON.stringify(expect.color))
      problems.push(`${prop.id} colour ${JSON.stringify(color)}, expected ${JSON.stringify(expect.color)}`);
    if (
      expect.from &&
      segment.look.kind === 'fade' &&
      JSON.stringify(segment.look.from) !== JSON.stringify(expect.from)
    )
      problems.push(
        `${prop.id} fades from ${JSON.stringify(segment.look.from)}, expected ${JSON.stringify(expect.from)}`,
      );
  }
  return problems.length === 0 ? null : problems.join('; ');
}
