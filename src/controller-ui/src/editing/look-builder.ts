// Turns the palette choices into a segment look that the show schema accepts.
import type { LookInput, Rgb } from '../../../show/index.js';
import type { LookChoice } from './edit-preferences.js';

export function buildLook(choice: LookChoice, color: Rgb, fadeTo: Rgb): LookInput {
  switch (choice) {
    case 'solid':
      return { kind: 'solid', color };
    case 'fade':
      return { kind: 'fade', from: color, to: fadeTo };
    case 'strobe':
      return { kind: 'strobe', color, rateHz: 8 };
    case 'pulse':
      return { kind: 'pulse', color, every: 'beat' };
    case 'rainbow':
      return { kind: 'rainbow' };
    case 'chase':
      return { kind: 'chase', color };
    case 'sparkle':
      return { kind: 'sparkle', color };
    default:
      return choice satisfies never;
  }
}

export const LOOK_LABELS: Record<LookChoice, string> = {
  solid: 'Solid',
  fade: 'Fade',
  strobe: 'Strobe',
  pulse: 'Pulse',
  rainbow: 'Rainbow',
  chase: 'Chase',
  sparkle: 'Sparkle',
};
