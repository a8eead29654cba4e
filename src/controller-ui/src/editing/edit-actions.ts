// Touch edits, each sent as one command of the show command table; the daemon applies it (or says why
// not) and the patch that comes back is what changes the screen.
import type { CommandInput, LookInput } from '../../../show/index.js';
import { act } from '../session/controller-link.js';
import { isPlaying, show } from '../state/live-state.js';
import { notify } from '../state/notices.js';
import { playheadSeconds } from '../state/playhead.js';
import { seekTo } from '../transport/seek.js';
import {
  chosenColor,
  chosenFadeTo,
  chosenLook,
  lengthInBeats,
  placement,
  selectedSegment,
} from './edit-preferences.js';
import { buildLook } from './look-builder.js';
import { placeSegment } from './segment-placement.js';

function sendCommand(command: CommandInput): Promise<boolean> {
  return act('show:command', { command });
}

/**
 * A tap on an empty stretch of a lane adds the chosen look. While the show plays it lands at the playhead
 * (or on the next beat): the performer drops colour in time with the music. While paused it lands where
 * the finger is, and the playhead jumps there so the preview shows the result at once.
 */
export async function addSegmentOnLane(propId: string, tappedTime: number): Promise<void> {
  const current = show.value;
  if (!current) return;
  const anchor = isPlaying.value
    ? playheadSeconds.value
    : Math.min(Math.max(tappedTime, 0), current.duration);
  const span = placeSegment({
    playhead: anchor,
    placement: placement.value,
    lengthInBeats: lengthInBeats.value,
    beatGrid: current.beatGrid,
    duration: current.duration,
    frameRate: current.frameRate,
  });
  if (!span) {
    notify('warning', 'no room for a segment before the end of the show');
    return;
  }
  const look = buildLook(chosenLook.value, chosenColor.value, chosenFadeTo.value);
  const added = await sendCommand({ type: 'addSegment', propId, start: span.start, end: span.end, look });
  if (added && !isPlaying.value) await seekTo(span.start);
}

export async function deleteSegment(propId: string, segmentId: string): Promise<void> {
  if (selectedSegment.value?.segmentId === segmentId) selectedSegment.value = null;
  await sendCommand({ type: 'deleteSegment', propId, segmentId });
}

export async function resizeSegment(
  propId: string,
  segmentId: string,
  start: number,
  end: number,
): Promise<void> {
  await sendCommand({ type: 'modifySegment', propId, segmentId, start, end });
}

export async function setSegmentLook(propId: string, segmentId: string, look: LookInput): Promise<void> {
  await sendCommand({ type: 'modifySegment', propId, segmentId, look });
}

/** The chosen look applied to the selected segment (the pickers act on the selection when there is one). */
export async function applyChosenLookToSelection(): Promise<void> {
  const selected = selectedSegment.value;
  if (!selected) return;
  await setSegmentLook(
    selected.propId,
    selected.segmentId,
    buildLook(chosenLook.value, chosenColor.value, chosenFadeTo.value),
  );
}
