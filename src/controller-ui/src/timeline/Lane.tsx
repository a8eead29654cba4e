import type { Prop } from '../../../show/index.js';
import { selectedSegment } from '../editing/edit-preferences.js';
import { isOperator } from '../state/live-state.js';
import { SegmentBlock } from './SegmentBlock.js';
import { pixelsPerSecond, viewStart, viewWidth } from './timeline-view.js';

/** One prop's timeline: the segments in view, positioned on the shared time axis. */
export function Lane({ prop }: { prop: Prop }) {
  const from = viewStart.value;
  const to = from + viewWidth.value / pixelsPerSecond.value;
  const selected = selectedSegment.value;
  const editable = isOperator.value;
  return (
    <div class="lane" data-lane={prop.id} data-testid={`lane-${prop.id}`}>
      {prop.segments
        .filter((segment) => segment.end >= from && segment.start <= to)
        .map((segment) => (
          <SegmentBlock
            key={segment.id}
            propId={prop.id}
            segment={segment}
            selected={selected?.propId === prop.id && selected.segmentId === segment.id}
            editable={editable}
          />
        ))}
    </div>
  );
}
