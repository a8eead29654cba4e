import type { Rgb } from '../color.js';
import type { Prop } from '../model/prop.js';
import type { Look, Segment } from '../model/segment.js';
import type { PixelSelection } from '../model/pixels.js';
import type { Show } from '../model/show.js';
import { firstEndingAfter } from '../timeline/find-segment.js';
import { minimumSegmentDuration } from '../time.js';
import { timelineProblem } from '../model/timeline-invariant.js';
import { CommandRefusal } from './command-error.js';
import type { RestoreCommand, ShowFields } from './restore-schema.js';

/** A prop's own fields, without its segments. */
export type PropFields = Omit<Prop, 'segments'>;

function propFields(prop: Prop): PropFields {
  const { segments: _segments, ...fields } = prop;
  return fields;
}

/** What a segment write needs besides an id. */
export interface SegmentContent {
  readonly start: number;
  readonly end: number;
  readonly look: Look;
  readonly pixels?: PixelSelection | undefined;
}

interface TimelineChanges {
  /** Segments the edit created, by id (removed again if a later step of the same edit deletes them). */
  readonly added: Map<string, Segment>;
  /** Segments as they were before the edit, by id. */
  readonly removed: Map<string, Segment>;
}

/**
 * A working copy of a show for one command (or batch). Props and timelines are copied on first write, so
 * the input show is never touched, and every change is recorded so that the exact inverse can be built.
 */
export class EditSession {
  private readonly original: Show;
  private readonly props: Prop[];
  private readonly copiedProps = new Set<string>();
  private readonly timelineChanges = new Map<string, TimelineChanges>();
  private readonly originalProps = new Map<string, Prop>();
  /** Props whose own fields changed (not their segments): only those fields go in the inverse. */
  private readonly originalPropFields = new Map<string, PropFields>();
  private propsStructureChanged = false;
  private readonly fieldsBefore: ShowFields = {};
  private fields: ShowFields = {};
  private nextSegmentNumber: number;
  readonly createdSegmentIds: string[] = [];

  constructor(show: Show) {
    this.original = show;
    this.props = [...show.props];
    this.nextSegmentNumber = show.nextSegmentNumber;
  }

  get show(): Show {
    return this.original;
  }

  get frameRate(): number {
    return this.fields.frameRate ?? this.original.frameRate;
  }

  get duration(): number {
    return this.fields.duration ?? this.original.duration;
  }

  get beatGrid(): Show['beatGrid'] {
    return this.fields.beatGrid ?? this.original.beatGrid;
  }

  propIds(): string[] {
    return this.props.map((prop) => prop.id);
  }

  /** The prop as it stands in this edit; refuses with `path` when there is no such prop. */
  prop(propId: string, path: string): Prop {
    const prop = this.props.find((candidate) => candidate.id === propId);
    if (!prop)
      throw new CommandRefusal(path, `no prop "${propId}" (props: ${this.propIds().join(', ') || 'none'})`);
    return prop;
  }

  segment(propId: string, segmentId: string, path: string): Segment {
    const segment = this.prop(propId, 'propId').segments.find((candidate) => candidate.id === segmentId);
    if (!segment) throw new CommandRefusal(path, `prop "${propId}" has no segment "${segmentId}"`);
    return segment;
  }

  newSegmentId(): string {
    const id = `s${this.nextSegmentNumber}`;
    this.nextSegmentNumber += 1;
    return id;
  }

  /** Writes a segment over [start, end): whatever was there is trimmed, split or removed (overwrite). */
  write(propId: string, content: SegmentContent, path: string, id?: string): Segment {
    this.checkRange(content.start, content.end, path);
    this.clear(propId, content.start, content.end);
    const segment: Segment = {
      id: id ?? this.newSegmentId(),
      start: content.start,
      end: content.end,
      look: content.look,
      ...(content.pixels ? { pixels: content.pixels } : {}),
    };
    const segments = this.mutableSegments(propId);
    const index = firstEndingAfter(segments, segment.start);
    segments.splice(index, 0, segment);
    this.recordAdded(propId, segment);
    if (id === undefined) this.createdSegmentIds.push(segment.id);
    return segment;
  }

  /** Empties [start, end) on a prop: segments inside go, segments across its edges are trimmed or split. */
  clear(propId: string, start: number, end: number): void {
    const current = this.prop(propId, 'propId').segments;
    const first = firstEndingAfter(current, start);
    if (first >= current.length || (current[first] as Segment).start >= end) return;
    const segments = this.mutableSegments(propId);
    const minimum = minimumSegmentDuration(this.frameRate) - 1e-9;
    let index = first;
    const replacements: Segment[] = [];
    while (index < segments.length && (segments[index] as Segment).start < end) {
      const old = segments[index] as Segment;
      this.recordRemoved(propId, old);
      // The part before the cleared range keeps the segment's id; a part after it becomes a new segment.
      if (old.start < start && start - old.start >= minimum) {
        replacements.push({ ...old, end: start });
      }
      if (old.end > end && old.end - end >= minimum) {
        const tail: Segment = { ...old, id: old.start < start ? this.newSegmentId() : old.id, start: end };
        replacements.push(tail);
      }
      index += 1;
    }
    segments.splice(first, index - first, ...replacements);
    for (const segment of replacements) this.recordAdded(propId, segment);
  }

  remove(propId: string, segmentId: string, path: string): Segment {
    const segment = this.segment(propId, segmentId, path);
    const segments = this.mutableSegments(propId);
    segments.splice(segments.indexOf(segment), 1);
    this.recordRemoved(propId, segment);
    return segment;
  }

  setDefaultColor(propId: string, color: Rgb): void {
    this.replaceProp(propId, { ...this.prop(propId, 'propId'), defaultColor: color });
  }

  /** Replaces a prop's own fields; its segments stay as they are in this edit. */
  replaceProp(propId: string, fields: PropFields): void {
    const index = this.props.findIndex((candidate) => candidate.id === propId);
    if (index < 0) throw new CommandRefusal('propId', `no prop "${propId}"`);
    const current = this.props[index] as Prop;
    if (!this.originalPropFields.has(propId)) {
      const original = this.original.props.find((prop) => prop.id === propId);
      if (original) this.originalPropFields.set(propId, propFields(original));
    }
    this.props[index] = { ...propFields(fields as Prop), segments: current.segments };
  }

  addProp(prop: Prop, index = this.props.length): void {
    if (this.props.some((candidate) => candidate.id === prop.id)) {
      throw new CommandRefusal('prop.id', `a prop "${prop.id}" already exists`);
    }
    const problem = timelineProblem(prop.segments);
    if (problem) throw new CommandRefusal(`prop.segments.${problem.index}`, problem.message);
    this.propsStructureChanged = true;
    // Segments arriving with a prop (an import) take ids from this show's counter, so no later edit can
    // create an id the prop already has.
    const segments = prop.segments.map((segment) => ({ ...segment, id: this.newSegmentId() }));
    this.props.splice(index, 0, { ...prop, segments });
  }

  removeProp(propId: string, path: string): void {
    const prop = this.prop(propId, path);
    this.rememberProp(propId);
    this.propsStructureChanged = true;
    this.props.splice(this.props.indexOf(prop), 1);
  }

  /** Puts a segment back exactly as it was (with its id); refuses if something now occupies its time. */
  insertExact(propId: string, segment: Segment, path: string): void {
    const segments = this.mutableSegments(propId);
    const index = firstEndingAfter(segments, segment.start);
    const next = segments[index];
    if (next && next.start < segment.end) {
      throw new CommandRefusal(
        path,
        `segment "${segment.id}" would overlap "${next.id}" on prop "${propId}"`,
      );
    }
    if (segments.some((candidate) => candidate.id === segment.id)) {
      throw new CommandRefusal(path, `prop "${propId}" already has a segment "${segment.id}"`);
    }
    segments.splice(index, 0, segment);
    this.recordAdded(propId, segment);
  }

  /** Sets the list of props to `order`, taking each from `replace` when given there, else as it stands. */
  restoreProps(order: readonly string[], replace: readonly Prop[], path: string): void {
    const next = order.map((propId) => {
      const prop =
        replace.find((candidate) => candidate.id === propId) ?? this.props.find((p) => p.id === propId);
      if (!prop) throw new CommandRefusal(path, `no prop "${propId}" to restore`);
      return prop;
    });
    for (const prop of this.props) {
      if (!order.includes(prop.id) || replace.some((candidate) => candidate.id === prop.id))
        this.rememberProp(prop.id);
    }
    this.propsStructureChanged = true;
    this.props.splice(0, this.props.length, ...next);
    this.copiedProps.clear();
  }

  setNextSegmentNumber(value: number): void {
    this.nextSegmentNumber = value;
  }

  setFields(fields: ShowFields): void {
    for (const key of Object.keys(fields) as (keyof ShowFields)[]) {
      if (!(key in this.fieldsBefore)) {
        (this.fieldsBefore as Record<string, unknown>)[key] = this.original[key] ?? null;
      }
    }
    this.fields = { ...this.fields, ...fields };
  }

  checkRange(start: number, end: number, path: string): void {
    if (!(end > start)) throw new CommandRefusal(path, `end (${end}s) must be after start (${start}s)`);
    const minimum = minimumSegmentDuration(this.frameRate);
    if (end - start < minimum - 1e-9) {
      throw new CommandRefusal(
        path,
        `${end - start}s is shorter than one frame (${minimum}s at ${this.frameRate} fps)`,
      );
    }
    if (start < 0) throw new CommandRefusal(path, `start (${start}s) is before the show begins`);
    if (end > this.duration + 1e-9) {
      throw new CommandRefusal(path, `end (${end}s) is after the show ends (${this.duration}s)`);
    }
  }

  /** The edited show and the command that turns it back into the original. */
  finish(): { show: Show; inverse: RestoreCommand } {
    const { audio, ...otherFields } = this.fields;
    const show: Show = {
      ...this.original,
      ...otherFields,
      props: this.props,
      nextSegmentNumber: this.nextSegmentNumber,
    };
    if ('audio' in this.fields) {
      if (audio) show.audio = audio;
      else delete show.audio;
    }
    const inverse: RestoreCommand = { type: 'restore', nextSegmentNumber: this.original.nextSegmentNumber };
    const timelines = [...this.timelineChanges]
      .filter(
        ([propId]) =>
          !this.originalProps.has(propId) && this.original.props.some((prop) => prop.id === propId),
      )
      .map(([propId, changes]) => ({
        propId,
        removeIds: [...changes.added.keys()],
        insert: [...changes.removed.values()].sort((a, b) => a.start - b.start),
      }))
      .filter((patch) => patch.removeIds.length > 0 || patch.insert.length > 0);
    if (timelines.length > 0) inverse.timelines = timelines;
    if (this.originalProps.size > 0 || this.propsStructureChanged) {
      inverse.props = {
        order: this.original.props.map((prop) => prop.id),
        replace: [...this.originalProps.values()],
      };
    }
    const fieldChanges = [...this.originalPropFields]
      .filter(([propId]) => !this.originalProps.has(propId))
      .map(([propId, fields]) => ({ propId, fields }));
    if (fieldChanges.length > 0) inverse.propFields = fieldChanges;
    if (Object.keys(this.fieldsBefore).length > 0) inverse.fields = this.fieldsBefore;
    return { show, inverse };
  }

  /** The whole prop as it was, for an inverse that must put it back segments and all (it was removed or replaced). */
  private rememberProp(propId: string): void {
    if (this.originalProps.has(propId)) return;
    const original = this.original.props.find((prop) => prop.id === propId);
    if (original) this.originalProps.set(propId, original);
  }

  private mutableSegments(propId: string): Segment[] {
    const index = this.props.findIndex((prop) => prop.id === propId);
    const prop = this.props[index] as Prop;
    if (!this.copiedProps.has(propId)) {
      this.props[index] = { ...prop, segments: [...prop.segments] };
      this.copiedProps.add(propId);
    }
    return (this.props[index] as Prop).segments;
  }

  private changesOf(propId: string): TimelineChanges {
    let changes = this.timelineChanges.get(propId);
    if (!changes) {
      changes = { added: new Map(), removed: new Map() };
      this.timelineChanges.set(propId, changes);
    }
    return changes;
  }

  private recordAdded(propId: string, segment: Segment): void {
    this.changesOf(propId).added.set(segment.id, segment);
  }

  private recordRemoved(propId: string, segment: Segment): void {
    const changes = this.changesOf(propId);
    if (changes.added.get(segment.id) === segment) changes.added.delete(segment.id);
    else if (!changes.removed.has(segment.id)) changes.removed.set(segment.id, segment);
  }
}
