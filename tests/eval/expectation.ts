// Semantic checks of what a prompt changed: which props, which times, which colours. They look at the
// resulting show, never at the tool calls, so any sequence of commands that does the right thing passes.
import { render, type Look, type Rgb, type Show } from '../../src/show/index.js';

export type Expectation =
  /** Every listed prop plays a look of this kind (and colour) from start to end; other props unchanged. */
  | {
      kind: 'covers';
      props: string[];
      start: number;
      end: number;
      look: Look['kind'];
      color?: Rgb;
      fromColor?: Rgb;
      toColor?: Rgb;
    }
  /** The listed props are dark (no segment) from start to end. */
  | { kind: 'dark'; props: string[]; start: number; end: number }
  /** A segment of this colour starts on every beat (or bar) in [start, end) on each listed prop. */
  | {
      kind: 'onGrid';
      props: string[];
      start: number;
      end: number;
      every: 'beat' | 'bar';
      color: Rgb;
      alternate?: boolean;
    }
  | { kind: 'defaultColor'; prop: string; color: Rgb }
  /** The show is exactly as it was. */
  | { kind: 'unchanged' }
  /** A segment starting at `from` on `prop` now starts at `to` (on `toProp`). */
  | { kind: 'moved'; prop: string; from: number; to: number; toProp?: string };

const COLOR_TOLERANCE = 40;
const TIME_TOLERANCE = 0.06;

function near(a: Rgb, b: Rgb): boolean {
  return a.every((channel, index) => Math.abs(channel - (b[index] as number)) <= COLOR_TOLERANCE);
}

function segmentsAt(show: Show, propId: string, time: number) {
  return show.props
    .find((prop) => prop.id === propId)
    ?.segments.find((segment) => segment.start <= time && time < segment.end);
}

function pixel0(show: Show, propId: string, time: number): Rgb {
  const frame = render(show, time);
  const pixels = frame.props.find((prop) => prop.propId === propId)?.pixels;
  return pixels ? [pixels[0] as number, pixels[1] as number, pixels[2] as number] : [0, 0, 0];
}

function sampleTimes(start: number, end: number): number[] {
  const inner = [start + TIME_TOLERANCE, (start + end) / 2, end - TIME_TOLERANCE];
  return inner.filter((time) => time > start && time < end);
}

function untouched(before: Show, after: Show, listed: readonly string[]): string | null {
  for (const prop of after.props) {
    if (listed.includes(prop.id)) continue;
    const old = before.props.find((candidate) => candidate.id === prop.id);
    if (JSON.stringify(old) !== JSON.stringify(prop)) return `prop ${prop.id} changed but was not asked for`;
  }
  return null;
}

function propsNamed(expectation: Expectation): string[] {
  switch (expectation.kind) {
    case 'covers':
    case 'dark':
    case 'onGrid':
      return expectation.props;
    case 'defaultColor':
      return [expectation.prop];
    case 'moved':
      return [expectation.prop, expectation.toProp ?? expectation.prop];
    case 'unchanged':
      return [];
    default:
      return expectation satisfies never;
  }
}

/** Null when every expectation holds and no other prop changed, else the first thing that is wrong. */
export function checkExpectations(
  expectations: readonly Expectation[],
  before: Show,
  after: Show,
): string | null {
  for (const expectation of expectations) {
    const problem = checkExpectation(expectation, before, after);
    if (problem) return problem;
  }
  return untouched(before, after, expectations.flatMap(propsNamed));
}

/** Null when the show changed as expected, else what is wrong. */
function checkExpectation(expectation: Expectation, before: Show, after: Show): string | null {
  switch (expectation.kind) {
    case 'unchanged':
      return JSON.stringify(before.props) === JSON.stringify(after.props) ? null : 'the show changed';
    case 'defaultColor': {
      const prop = after.props.find((candidate) => candidate.id === expectation.prop);
      if (!prop || !near(prop.defaultColor, expectation.color))
        return `default colour of ${expectation.prop} is ${JSON.stringify(prop?.defaultColor)}`;
      return null;
    }
    case 'covers':
    case 'dark': {
      for (const propId of expectation.props) {
        for (const time of sampleTimes(expectation.start, expectation.end)) {
          const segment = segmentsAt(after, propId, time);
          if (expectation.kind === 'dark') {
            if (segment && !(segment.look.kind === 'solid' && near(segment.look.color, [0, 0, 0]))) {
              return `${propId} is not dark at ${time.toFixed(2)} s`;
            }
            continue;
          }
          if (!segment || segment.look.kind !== expectation.look)
            return `${propId} has no ${expectation.look} at ${time.toFixed(2)} s`;
          const look = segment.look as { color?: Rgb; from?: Rgb; to?: Rgb };
          if (expectation.color && !(look.color && near(look.color, expectation.color))) {
            return `${propId} at ${time.toFixed(2)} s is ${JSON.stringify(look.color)}, expected ${JSON.stringify(expectation.color)}`;
          }
          if (expectation.fromColor && !(look.from && near(look.from, expectation.fromColor)))
            return `${propId} fades from ${JSON.stringify(look.from)}`;
          if (expectation.toColor && !(look.to && near(look.to, expectation.toColor)))
            return `${propId} fades to ${JSON.stringify(look.to)}`;
        }
      }
      return null;
    }
    case 'onGrid': {
      const grid = (expectation.every === 'bar' ? after.beatGrid.downbeats : after.beatGrid.beats).filter(
        (time) => time >= expectation.start - 1e-6 && time < expectation.end - 1e-6,
      );
      if (grid.length === 0) return 'no grid points in range';
      for (const [index, time] of grid.entries()) {
        const targets = expectation.alternate
          ? [expectation.props[index % expectation.props.length] as string]
          : expectation.props;
        for (const propId of targets) {
          const color = pixel0(after, propId, time + 0.011);
          if (!near(color, expectation.color))
            return `${propId} shows ${JSON.stringify(color)} on the ${expectation.every} at ${time} s`;
        }
        if (expectation.alternate) {
          for (const propId of expectation.props.filter((candidate) => !targets.includes(candidate))) {
            if (near(pixel0(after, propId, time + 0.011), expectation.color))
              return `${propId} also lit at ${time} s (should alternate)`;
          }
        }
      }
      return null;
    }
    case 'moved': {
      const target = expectation.toProp ?? expectation.prop;
      const moved = after.props
        .find((prop) => prop.id === target)
        ?.segments.some((segment) => Math.abs(segment.start - expectation.to) <= TIME_TOLERANCE);
      const left = after.props
        .find((prop) => prop.id === expectation.prop)
        ?.segments.some((segment) => Math.abs(segment.start - expectation.from) <= TIME_TOLERANCE);
      if (!moved) return `nothing starts at ${expectation.to} s on ${target}`;
      if (left) return `a segment still starts at ${expectation.from} s on ${expectation.prop}`;
      return null;
    }
    default:
      return expectation satisfies never;
  }
}
