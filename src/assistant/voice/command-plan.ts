// From a parsed spoken command to show commands with times: the change starts on the next beat the
// devices can still take, and lasts the span that was said (or a sensible default).
import type { Look, Rgb, Show } from '../../show/index.js';
import { spokenWords } from '../speech/show-vocabulary.js';
import { beatInterval, beatsAfter, beatsPerBar, spokenStart, type TimeContext } from './beat-times.js';
import type { LookAction, SpokenCommand, SpokenSpan } from './spoken-command.js';

export type PlannedEdit =
  | { readonly kind: 'command'; readonly command: Record<string, unknown>; readonly label: string }
  | { readonly kind: 'undo' | 'redo' }
  | { readonly kind: 'blackout'; readonly on: boolean };

export type Plan = { ok: true; edit: PlannedEdit } | { ok: false; message: string };

/** A flash with no span lasts one beat; anything else with no span, to the end of the section (or 4 bars). */
const DEFAULT_BARS = 4;

export function planSpokenCommand(spoken: SpokenCommand, show: Show, context: TimeContext): Plan {
  switch (spoken.kind) {
    case 'undo':
    case 'redo':
      return { ok: true, edit: { kind: spoken.kind } };
    case 'blackout':
      return { ok: true, edit: { kind: 'blackout', on: true } };
    case 'release-blackout':
      return { ok: true, edit: { kind: 'blackout', on: false } };
    case 'look':
      return planLook(spoken, show, context);
    default:
      return spoken satisfies never;
  }
}

function planLook(spoken: Extract<SpokenCommand, { kind: 'look' }>, show: Show, context: TimeContext): Plan {
  if (spoken.propIds.length === 0) return { ok: false, message: 'the show has no props to change' };
  const start = spokenStart(show, context);
  const span = spoken.span ?? defaultSpan(spoken.action, show, start);
  const end = spanEnd(span, show, start);
  if (typeof end === 'string') return { ok: false, message: end };
  const clipped = Math.min(end, show.duration);
  if (!(clipped > start + 1 / show.frameRate)) {
    return {
      ok: false,
      message: `the show ends at ${show.duration.toFixed(1)} s: there is no time left to change`,
    };
  }
  const round = (time: number) => Math.round(time * 1000) / 1000;
  const [from, to] = [round(start), round(clipped)];
  const range = `${from.toFixed(2)}–${to.toFixed(2)} s`;
  if (spoken.action === 'stop') {
    return {
      ok: true,
      edit: {
        kind: 'command',
        command: { type: 'clearRange', propIds: [...spoken.propIds], start: from, end: to },
        label: `voice: stop ${spoken.propIds.join(', ')} ${range}`,
      },
    };
  }
  const commands = spoken.propIds.map((propId) => ({
    type: 'addSegment',
    propId,
    start: from,
    end: to,
    look: lookFor(spoken.action, spoken, show, propId, from),
  }));
  return {
    ok: true,
    edit: {
      kind: 'command',
      command: commands.length === 1 ? (commands[0] as Record<string, unknown>) : { type: 'batch', commands },
      label: `voice: ${spoken.action} ${spoken.propIds.join(', ')} ${range}`,
    },
  };
}

function defaultSpan(action: LookAction, show: Show, start: number): SpokenSpan {
  if (action === 'flash') return { kind: 'count', count: 1, unit: 'beat' };
  const section = show.sections.find((candidate) => candidate.start <= start && start < candidate.end);
  if (section && section.end - start > 0.5) return { kind: 'until-section', label: '' };
  return { kind: 'count', count: DEFAULT_BARS, unit: 'bar' };
}

function spanEnd(span: SpokenSpan, show: Show, start: number): number | string {
  switch (span.kind) {
    case 'count': {
      if (span.unit === 'second') return start + span.count;
      const beats = span.unit === 'bar' ? span.count * beatsPerBar(show.beatGrid) : span.count;
      return (
        beatsAfter(show.beatGrid, start, beats) ??
        `the show has no beat grid, so ${span.unit}s cannot be counted: say seconds, or analyse the song`
      );
    }
    case 'until-end':
      return show.duration;
    case 'until-section': {
      if (span.label === '') {
        // The default: to the end of the section the change starts in.
        return (
          show.sections.find((section) => section.start <= start && start < section.end)?.end ?? show.duration
        );
      }
      const wanted = spokenWords(span.label).join(' ');
      const next = show.sections.find(
        (section) => section.start > start && spokenWords(section.label).join(' ') === wanted,
      );
      return next?.start ?? `there is no ${span.label} after ${start.toFixed(1)} s`;
    }
    default:
      return span satisfies never;
  }
}

function lookFor(
  action: LookAction,
  spoken: { color?: Rgb; from?: Rgb },
  show: Show,
  propId: string,
  at: number,
): Look {
  const color: Rgb = spoken.color ?? [255, 255, 255];
  switch (action) {
    case 'solid':
    case 'flash':
    case 'stop':
      return { kind: 'solid', color };
    case 'pulse':
      return { kind: 'pulse', color, every: 'beat', decay: 0.15, baseColor: [0, 0, 0] };
    case 'strobe': {
      // Four flashes a beat follows the music; 8 Hz when the tempo is unknown.
      const interval = beatInterval(show.beatGrid);
      const rateHz = interval === null ? 8 : Math.min(20, Math.max(2, Math.round((4 / interval) * 10) / 10));
      return { kind: 'strobe', color, offColor: [0, 0, 0], rateHz, duty: 0.5 };
    }
    case 'sparkle':
      return { kind: 'sparkle', color, background: [0, 0, 0], density: 0.3, rateHz: 10, seed: 1 };
    case 'chase':
      return { kind: 'chase', color, background: [0, 0, 0], speed: 8, width: 1 };
    case 'rainbow':
      return { kind: 'rainbow', period: 2, spread: 30, saturation: 1, brightness: 1 };
    case 'fade':
      return { kind: 'fade', from: spoken.from ?? colorAt(show, propId, at), to: color };
    default:
      return action satisfies never;
  }
}

/** The colour a prop shows at a moment, as the start of a fade "to" something (its solid or fade colour). */
function colorAt(show: Show, propId: string, at: number): Rgb {
  const prop = show.props.find((candidate) => candidate.id === propId);
  if (!prop) return [0, 0, 0];
  const segment = prop.segments.find((candidate) => candidate.start <= at && at < candidate.end);
  if (!segment) return prop.defaultColor;
  const look = segment.look;
  if (look.kind === 'fade') {
    const progress = (at - segment.start) / (segment.end - segment.start);
    return look.from.map((channel, index) =>
      Math.round(channel + ((look.to[index] as number) - channel) * progress),
    ) as Rgb;
  }
  return 'color' in look ? look.color : prop.defaultColor;
}
