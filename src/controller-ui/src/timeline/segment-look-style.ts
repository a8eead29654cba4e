// How a segment block looks on its lane: its colour, fade gradient or an effect pattern.
import { rgbToHex, type Look } from '../../../show/index.js';

export function segmentBackground(look: Look): string {
  switch (look.kind) {
    case 'solid':
      return rgbToHex(look.color);
    case 'fade':
      return `linear-gradient(90deg, ${rgbToHex(look.from)}, ${rgbToHex(look.to)})`;
    case 'strobe':
      return `repeating-linear-gradient(90deg, ${rgbToHex(look.color)} 0 6px, ${rgbToHex(look.offColor)} 6px 12px)`;
    case 'pulse':
      return `repeating-linear-gradient(90deg, ${rgbToHex(look.color)} 0 3px, ${rgbToHex(look.baseColor)} 14px 18px)`;
    case 'rainbow':
      return 'linear-gradient(90deg, #f33, #fc3, #3f6, #3cf, #63f, #f3c)';
    case 'chase':
      return `repeating-linear-gradient(90deg, ${rgbToHex(look.background)} 0 8px, ${rgbToHex(look.color)} 8px 12px)`;
    case 'sparkle':
      return `radial-gradient(circle at 30% 40%, ${rgbToHex(look.color)} 2px, transparent 3px) 0 0 / 11px 9px, ${rgbToHex(look.background)}`;
    default:
      return look satisfies never;
  }
}

/** Whether dark text reads on the block (light colours) or light text does. */
export function prefersDarkText(look: Look): boolean {
  const color = look.kind === 'solid' ? look.color : look.kind === 'fade' ? look.from : null;
  if (!color) return false;
  const [r, g, b] = color;
  return 0.299 * r + 0.587 * g + 0.114 * b > 150;
}

export function lookName(look: Look): string {
  return look.kind === 'solid' ? rgbToHex(look.color) : look.kind;
}
