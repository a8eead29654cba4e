import { z } from 'zod';

/** One colour channel, 0..255. */
export const ChannelSchema = z.number().int().min(0).max(255);

/** An RGB colour as [r, g, b], each 0..255. */
export const RgbSchema = z.tuple([ChannelSchema, ChannelSchema, ChannelSchema]);
export type Rgb = z.infer<typeof RgbSchema>;

export const BLACK: Rgb = [0, 0, 0];

/** Order in which a prop's hardware expects the three channels on the wire. */
export const ColorOrderSchema = z.enum(['rgb', 'rbg', 'grb', 'gbr', 'brg', 'bgr']);
export type ColorOrder = z.infer<typeof ColorOrderSchema>;

export function rgbToHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
}

export function rgbEquals(a: Rgb, b: Rgb): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
}

/** HSV (h in degrees, s and v in 0..1) to RGB, rounded to whole channels. */
export function hsvToRgb(hue: number, saturation: number, value: number): Rgb {
  const h = (((hue % 360) + 360) % 360) / 60;
  const chroma = value * saturation;
  const x = chroma * (1 - Math.abs((h % 2) - 1));
  const m = value - chroma;
  const sector = Math.floor(h);
  const [r, g, b] =
    sector === 0
      ? [chroma, x, 0]
      : sector === 1
        ? [x, chroma, 0]
        : sector === 2
          ? [0, chroma, x]
          : sector === 3
            ? [0, x, chroma]
            : sector === 4
              ? [x, 0, chroma]
              : [chroma, 0, x];
  return [Math.round((r + m) * 255), Math.round((g + m) * 255), Math.round((b + m) * 255)];
}
