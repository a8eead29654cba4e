// The live tracker over the playing song, as the daemon runs it before the song's analysis is in: the real
// tracker worker, a generated song with exact beat times, and a virtual clock playing it at double speed
// (the beats come out in song time whatever the rate).
import { afterEach, describe, expect, it } from 'vitest';
import { beatFMeasure } from '../../../src/analysis/beat-metrics.js';
import { LiveBeatTracker } from '../../../src/analysis/live/live-beat-tracker.js';
import { HeardBeats, type HeardBeat } from '../../../src/engine/live-beats/heard-beats.js';
import { SongBeatFeed } from '../../../src/engine/live-beats/song-beat-feed.js';
import { VirtualClock } from '../../../src/engine/virtual-clock.js';
import { generateSong } from '../../support/test-audio/generate-song.js';
import { songCatalogue } from '../../support/test-audio/song-recipe.js';
import { sleep, until } from '../../support/wait.js';

const inWindow = (times: readonly number[], from: number, to: number) =>
  times.filter((time) => time >= from && time <= to);

describe('the live tracker over the playing song', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it('hears the song’s beats in song time, starts afresh after a seek, and idles once a grid is in', async () => {
    const recipe = songCatalogue(16).find((candidate) => candidate.name === 'drums-128');
    const song = await generateSong(recipe as NonNullable<typeof recipe>);
    const clock = new VirtualClock({ duration: song.duration });
    const trackers: LiveBeatTracker[] = [];
    const heard = new HeardBeats();
    const beats: HeardBeat[] = [];
    heard.on('beat', (beat) => beats.push(beat));
    let gridIsIn = false;
    const feed = new SongBeatFeed({
      createTracker: () => {
        const tracker = new LiveBeatTracker(song.sampleRate);
        trackers.push(tracker);
        return tracker;
      },
      channels: song.channels,
      clock,
      heard,
      wanted: () => !gridIsIn,
    });
    stop = () => feed.stop();
    feed.start();
    // Nothing runs until the song plays: a worker thread only while it is needed.
    await sleep(100);
    expect(trackers).toHaveLength(0);
    clock.setRate(2);
    clock.play();

    await until(() => clock.now() > 10, 'ten seconds of song', 15_000);
    const early = beats.map((beat) => beat.time);
    expect(beats.every((beat) => beat.source === 'song' && Math.abs(beat.bpm - 128) < 3)).toBe(true);
    expect(beatFMeasure(inWindow(early, 3, 9.5), inWindow(song.beats, 3, 9.5)).fMeasure).toBeGreaterThan(0.9);
    // Announced ahead: each beat was recorded before the playhead reached it.
    expect(heard.grid()?.beats.at(-1)).toBeGreaterThan(clock.now());

    clock.seek(20);
    const afterSeek = beats.length;
    await until(() => clock.now() > 27, 'seven seconds after the seek', 15_000);
    const later = beats.slice(afterSeek).map((beat) => beat.time);
    expect(later.every((time) => time >= 20)).toBe(true);
    expect(beatFMeasure(inWindow(later, 23, 26.5), inWindow(song.beats, 23, 26.5)).fMeasure).toBeGreaterThan(
      0.9,
    );

    gridIsIn = true;
    await sleep(100);
    const settled = beats.length;
    await sleep(600);
    expect(beats.length).toBe(settled);
    expect(heard.grid()).toBeNull();
    // The grid is in: the tracker's worker is gone.
    expect(feed.tracking).toBe(false);
    expect(trackers).toHaveLength(1);
  }, 40_000);
});
