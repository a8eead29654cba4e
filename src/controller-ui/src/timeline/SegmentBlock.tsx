import { signal } from '@preact/signals';
import type { Segment } from '../../../show/index.js';
import { resizeSegment } from '../editing/edit-actions.js';
import { show } from '../state/live-state.js';
import { snapEdge } from './edge-snap.js';
import { lookName, prefersDarkText, segmentBackground } from './segment-look-style.js';
import { pixelsPerSecond, timeToX, xToTime } from './timeline-view.js';

/** The edge being dragged, shown locally until the daemon's patch arrives. */
const edgeDrag = signal<{ segmentId: string; start: number; end: number } | null>(null);

interface Props {
  readonly propId: string;
  readonly segment: Segment;
  readonly selected: boolean;
  readonly editable: boolean;
}

export function SegmentBlock({ propId, segment, selected, editable }: Props) {
  const drag = edgeDrag.value?.segmentId === segment.id ? edgeDrag.value : null;
  const start = drag?.start ?? segment.start;
  const end = drag?.end ?? segment.end;
  const left = timeToX(start);
  const width = Math.max((end - start) * pixelsPerSecond.value, 2);
  return (
    <div
      class={`segment ${selected ? 'is-selected' : ''} ${prefersDarkText(segment.look) ? 'text-dark' : ''}`}
      data-segment-id={segment.id}
      data-start={start}
      data-end={end}
      data-look={segment.look.kind}
      style={{
        transform: `translateX(${left}px)`,
        width: `${width}px`,
        background: segmentBackground(segment.look),
      }}
    >
      {width > 44 && <span class="segment-label">{lookName(segment.look)}</span>}
      {selected && editable && (
        <>
          <EdgeHandle propId={propId} segment={segment} edge="start" />
          <EdgeHandle propId={propId} segment={segment} edge="end" />
        </>
      )}
    </div>
  );
}

function EdgeHandle({ propId, segment, edge }: { propId: string; segment: Segment; edge: 'start' | 'end' }) {
  const onPointerDown = (event: PointerEvent) => {
    event.stopPropagation();
    const handle = event.currentTarget as HTMLElement;
    const surface = handle.closest('[data-lane-surface]');
    if (!surface) return;
    handle.setPointerCapture(event.pointerId);
    const current = show.value;
    const frameRate = current?.frameRate ?? 100;
    const grid = current?.beatGrid ?? { beats: [], downbeats: [] };
    const minimum = 1 / frameRate;
    const timeAt = (clientX: number) => {
      const raw = xToTime(clientX - surface.getBoundingClientRect().left);
      return snapEdge(raw, grid, pixelsPerSecond.value, frameRate);
    };
    const update = (clientX: number) => {
      const time = timeAt(clientX);
      edgeDrag.value =
        edge === 'start'
          ? { segmentId: segment.id, start: Math.min(time, segment.end - minimum), end: segment.end }
          : { segmentId: segment.id, start: segment.start, end: Math.max(time, segment.start + minimum) };
    };
    const move = (moveEvent: PointerEvent) => update(moveEvent.clientX);
    const finish = (endEvent: PointerEvent) => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', finish);
      handle.removeEventListener('pointercancel', finish);
      const dragged = edgeDrag.value;
      const changed = dragged && (dragged.start !== segment.start || dragged.end !== segment.end);
      if (endEvent.type === 'pointerup' && dragged && changed) {
        void resizeSegment(propId, segment.id, round(dragged.start), round(dragged.end)).finally(() => {
          edgeDrag.value = null;
        });
      } else {
        edgeDrag.value = null;
      }
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', finish);
    handle.addEventListener('pointercancel', finish);
  };
  return (
    <div
      class={`edge-handle edge-${edge}`}
      data-testid={`edge-${edge}`}
      aria-label={edge === 'start' ? 'Drag to move the start' : 'Drag to move the end'}
      onPointerDown={onPointerDown}
    />
  );
}

const round = (value: number) => Math.round(value * 1000) / 1000;
