import { describe, expect, it } from 'vitest';
import { HeardBeats, type HeardBeat } from '../../../src/engine/live-beats/heard-beats.js';

const beat = (time: number, nextBeats: number[] = []): HeardBeat => ({
  time,
  atMs: time * 1000,
  bpm: 120,
  confidence: 0.75,
  nextBeats,
  source: 'input',
});

describe('HeardBeats', () => {
  it('has no grid before the first beat', () => {
    expect(new HeardBeats().grid()).toBeNull();
  });

  it('makes a grid of the recent beats and the predicted ones, without downbeats', () => {
    const heard = new HeardBeats();
    heard.record(beat(1));
    heard.record(beat(1.5));
    heard.record(beat(2, [2.5, 3, 3.5]));
    expect(heard.grid()).toEqual({ beats: [1, 1.5, 2, 2.5, 3, 3.5], downbeats: [], bpm: 120 });
  });

  it('starts over when the timeline jumps back, and keeps a bounded number of beats', () => {
    const heard = new HeardBeats();
    for (let index = 0; index < 100; index += 1) heard.record(beat(index * 0.5));
    expect(heard.grid()?.beats.length).toBe(32);
    heard.record(beat(3, [3.5]));
    expect(heard.grid()?.beats).toEqual([3, 3.5]);
    heard.clear();
    expect(heard.grid()).toBeNull();
  });
});
