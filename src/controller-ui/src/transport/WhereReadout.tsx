import { computed } from '@preact/signals';
import { show } from '../state/live-state.js';
import { playheadSeconds } from '../state/playhead.js';
import { musicalPosition } from './musical-position.js';

const position = computed(() => {
  const current = show.value;
  if (!current) return null;
  return musicalPosition(playheadSeconds.value, current.beatGrid, current.sections);
});
const barBeat = computed(() => {
  const where = position.value;
  return where?.bar ? `${where.bar}.${where.beat}` : '—';
});
const sectionName = computed(() => position.value?.section ?? '');
const bpm = computed(() => {
  const grid = show.value?.beatGrid;
  return grid?.bpm ? `${Math.round(grid.bpm)} bpm` : '';
});

/** Bar.beat, section and tempo at the playhead: what a performer counts by. */
export function WhereReadout() {
  return (
    <div class="where" data-testid="where" aria-label="Position in the music">
      <span class="where-bar">{barBeat}</span>
      <span class="where-section">{sectionName}</span>
      <span class="where-bpm">{bpm}</span>
    </div>
  );
}
