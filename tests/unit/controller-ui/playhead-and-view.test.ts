import { describe, expect, it } from 'vitest';
import type { TransportState } from '../../../src/contracts/index.js';
import { snapEdge } from '../../../src/controller-ui/src/timeline/edge-snap.js';
import {
  keepInView,
  pixelsPerSecond,
  setShowDuration,
  viewStart,
  viewWidth,
  xToTime,
  zoomAround,
  followPlayhead,
} from '../../../src/controller-ui/src/timeline/timeline-view.js';
import { playheadAt } from '../../../src/controller-ui/src/state/playhead.js';

const state = (overrides: Partial<TransportState>): TransportState => ({
  status: 'playing',
  position: 10,
  rate: 1,
  loop: null,
  duration: 60,
  sentAt: 0,
  ...overrides,
});

describe('playhead between server reports', () => {
  it('advances on the local clock at the playback rate while playing, and holds otherwise', () => {
    expect(playheadAt({ state: state({}), receivedAt: 1000 }, 1500)).toBeCloseTo(10.5);
    expect(playheadAt({ state: state({ rate: 0.5 }), receivedAt: 1000 }, 2000)).toBeCloseTo(10.5);
    expect(playheadAt({ state: state({ status: 'paused' }), receivedAt: 1000 }, 9000)).toBe(10);
  });

  it('never runs past the loop end or the end of the show', () => {
    expect(playheadAt({ state: state({ loop: { start: 8, end: 12 } }), receivedAt: 0 }, 5000)).toBe(12);
    expect(playheadAt({ state: state({ position: 59 }), receivedAt: 0 }, 5000)).toBe(60);
  });
});

describe('timeline view', () => {
  it('zooms around the fingers: the time under the anchor stays put', () => {
    setShowDuration(600);
    viewWidth.value = 800;
    pixelsPerSecond.value = 40;
    viewStart.value = 20;
    const before = xToTime(300);
    zoomAround(300, 2.5);
    expect(pixelsPerSecond.value).toBe(100);
    expect(xToTime(300)).toBeCloseTo(before);
  });

  it('pages forward to keep the playhead in view only while following', () => {
    setShowDuration(600);
    viewWidth.value = 800;
    pixelsPerSecond.value = 40;
    viewStart.value = 0;
    followPlayhead.value = true;
    keepInView(10);
    expect(viewStart.value).toBe(0);
    keepInView(19);
    expect(viewStart.value).toBeGreaterThan(0);
    expect(19).toBeGreaterThan(viewStart.value);
    followPlayhead.value = false;
    const held = viewStart.value;
    keepInView(300);
    expect(viewStart.value).toBe(held);
  });
});

describe('dragged segment edges', () => {
  const grid = { beats: [0, 0.5, 1, 1.5], downbeats: [0] };
  it('jump onto a beat within a few pixels, else land on a frame boundary', () => {
    expect(snapEdge(0.93, grid, 100, 100)).toBe(1);
    expect(snapEdge(0.8, grid, 100, 100)).toBeCloseTo(0.8);
    expect(snapEdge(0.8049, grid, 100, 100)).toBeCloseTo(0.8);
  });
});
