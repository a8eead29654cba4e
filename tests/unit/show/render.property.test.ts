import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  apply,
  frameBoundary,
  render,
  renderFrame,
  roundHalfToEven,
  type Prop,
  type Rgb,
  type Show,
} from '../../../src/show/index.js';
import { effectColor } from '../../../src/show/render/effect-color.js';
import { anyCommandArb, resolveSegmentPicks } from '../../support/show-arbitraries.js';
import { emptyShow, steadyBeats } from '../../support/show-fixtures.js';

/** The obvious renderer: scan every segment, interpolate fades directly. What the fast one must agree with. */
function naivePixels(show: Show, prop: Prop, frame: number): number[] {
  const rate = show.frameRate;
  let active = null;
  for (const segment of prop.segments) {
    if (frameBoundary(segment.start, rate) <= frame && frame < frameBoundary(segment.end, rate))
      active = segment;
  }
  const out: number[] = [];
  for (let pixel = 0; pixel < prop.pixelCount; pixel++) {
    let color: Rgb = prop.defaultColor;
    if (active) {
      const selection = active.pixels;
      const lit =
        !selection || ('count' in selection ? pixel < selection.count : selection.mask.includes(pixel));
      const look = active.look;
      const time = frame / rate;
      if (!lit) color = [0, 0, 0];
      else if (look.kind === 'solid') color = look.color;
      else if (look.kind === 'fade') {
        const first = frameBoundary(active.start, rate);
        const steps = frameBoundary(active.end, rate) - first;
        const t = steps <= 1 ? 0 : (frame - first) / (steps - 1);
        color = [0, 1, 2].map((c) =>
          Math.min(255, Math.max(0, roundHalfToEven(look.from[c]! + t * (look.to[c]! - look.from[c]!)))),
        ) as Rgb;
      } else {
        color = effectColor(look, {
          elapsed: time - active.start,
          time,
          segmentStart: active.start,
          pixel,
          pixelCount: prop.pixelCount,
          beats: show.beatGrid.beats,
          downbeats: show.beatGrid.downbeats,
        });
      }
    }
    out.push(...color);
  }
  return out;
}

describe('renderer (property)', () => {
  it('agrees with a naive reference renderer at random times', () => {
    fc.assert(
      fc.property(
        fc.array(anyCommandArb, { minLength: 1, maxLength: 20 }),
        fc.array(fc.integer({ min: 0, max: 6000 }), { minLength: 20, maxLength: 20 }),
        (commands, frames) => {
          let show = emptyShow({ props: 3, duration: 60, beats: steadyBeats(128, 60) });
          for (const command of commands) {
            const result = apply(show, resolveSegmentPicks(show, command));
            if (result.ok) show = result.show;
          }
          for (const frame of frames) {
            const rendered = renderFrame(show, frame);
            show.props.forEach((prop, index) => {
              expect(Array.from(rendered.props[index]!.pixels)).toEqual(naivePixels(show, prop, frame));
            });
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('shows the frame that is on screen at a time, with boundaries on the nearest frame', () => {
    const show = emptyShow({ props: 1, pixelCount: 1 });
    const result = apply(show, {
      type: 'addSegment',
      propId: 'ball1',
      start: 1.004,
      end: 2.006,
      look: { kind: 'solid', color: [9, 9, 9] },
    });
    if (!result.ok) throw new Error(result.error.message);
    const at = (time: number) => Array.from(render(result.show, time).props[0]!.pixels);
    expect(at(0.999)).toEqual([0, 0, 0]);
    expect(at(1.0)).toEqual([9, 9, 9]); // 1.004 rounds to frame 100
    expect(at(2.0)).toEqual([9, 9, 9]); // 2.006 rounds to frame 201: frame 200 is still lit
    expect(at(2.01)).toEqual([0, 0, 0]);
  });
});
