// What a tap on a lane adds: colour, look, where it starts and how long it is. Kept per device.
import { signal } from '@preact/signals';
import { EFFECT_KINDS, type Look, type Rgb } from '../../../show/index.js';

export type LookChoice = 'solid' | 'fade' | (typeof EFFECT_KINDS)[number];
export const LOOK_CHOICES: readonly LookChoice[] = ['solid', 'fade', ...EFFECT_KINDS];

/** Where a tapped segment starts: at the playhead, or on the next beat of the grid. */
export type Placement = 'playhead' | 'beat';

/** Stage colours that read well on LEDs: saturated, and a white. */
export const PALETTE: readonly { name: string; rgb: Rgb }[] = [
  { name: 'red', rgb: [255, 0, 0] },
  { name: 'orange', rgb: [255, 96, 0] },
  { name: 'yellow', rgb: [255, 210, 0] },
  { name: 'green', rgb: [0, 255, 40] },
  { name: 'cyan', rgb: [0, 220, 255] },
  { name: 'blue', rgb: [0, 40, 255] },
  { name: 'purple', rgb: [150, 0, 255] },
  { name: 'magenta', rgb: [255, 0, 170] },
  { name: 'white', rgb: [255, 255, 255] },
  { name: 'off', rgb: [0, 0, 0] },
];

export const LENGTH_CHOICES_IN_BEATS = [1, 2, 4, 8, 16] as const;

export const chosenColor = signal<Rgb>([255, 0, 0]);
/** The colour a fade ends on. */
export const chosenFadeTo = signal<Rgb>([0, 0, 0]);
export const chosenLook = signal<LookChoice>('solid');
export const placement = signal<Placement>('beat');
export const lengthInBeats = signal<number>(4);

export interface SelectedSegment {
  readonly propId: string;
  readonly segmentId: string;
}
export const selectedSegment = signal<SelectedSegment | null>(null);

/** Selects a segment and sets the pickers to its look, so they show (and change) what it is. */
export function selectSegment(selection: SelectedSegment | null, look: Look | undefined): void {
  selectedSegment.value = selection;
  if (!selection || !look) return;
  chosenLook.value = look.kind;
  if (look.kind === 'fade') {
    chosenColor.value = look.from;
    chosenFadeTo.value = look.to;
  } else if ('color' in look) {
    chosenColor.value = look.color;
  }
}
