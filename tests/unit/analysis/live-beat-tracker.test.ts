// The live tracker on generated songs with exact beat times: the real aubio wasm in a real worker thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beatFMeasure, matchBeats, timeToLock } from '../../../src/analysis/beat-metrics.js';
import { mixToMono } from '../../../src/analysis/dsp/mono-downmix.js';
import { loadAubio } from '../../../src/analysis/live/aubio-module.js';
import type { LiveBeatEvent } from '../../../src/analysis/live/live-beat-event.js';
import { LiveBeatEngine } from '../../../src/analysis/live/live-beat-engine.js';
import { LiveBeatTracker } from '../../../src/analysis/live/live-beat-tracker.js';
import { generateSong } from '../../support/test-audio/generate-song.js';
import { seededRandom } from '../../support/test-audio/prng.js';
import type { GeneratedSong } from '../../support/test-audio/generated-song.js';
import { songCatalogue } from '../../support/test-audio/song-recipe.js';

// One song per category (the benchmark runs them all, longer).
const names = [
  'click-120',
  'drums-152',
  'step-96-124',
  'swing-92',
  'intro-136',
  'noise-106',
  'voice-124',
  'midi-dance-146',
];
const runs: Array<{ song: GeneratedSong; events: readonly LiveBeatEvent[] }> = [];
let tracker: LiveBeatTracker;

beforeAll(async () => {
  tracker = new LiveBeatTracker(44_100);
  for (const recipe of songCatalogue(16).filter((candidate) => names.includes(candidate.name))) {
    const song = await generateSong(recipe);
    const result = await tracker.trackRecording(mixToMono(song.channels), song.sampleRate);
    runs.push({ song, events: result.events });
  }
}, 120_000);

afterAll(async () => {
  await tracker.stop();
});

describe('live beat tracker on generated songs', () => {
  it('reaches F ≥ 0.93 on average and locks within 2 s of the music on the median song', () => {
    expect(runs).toHaveLength(names.length);
    const scores = runs.map(
      ({ song, events }) =>
        beatFMeasure(
          events.map((event) => event.time),
          song.beats,
        ).fMeasure,
    );
    expect(scores.reduce((a, b) => a + b, 0) / scores.length).toBeGreaterThanOrEqual(0.93);
    const locks = runs
      .map(({ song, events }) =>
        timeToLock(
          events.map((event) => event.time),
          song.beats,
          song.musicStart,
        ),
      )
      .sort((a, b) => a - b);
    expect(locks[Math.floor(locks.length / 2)]).toBeLessThanOrEqual(2);
    expect(locks.every(Number.isFinite)).toBe(true);
  });

  it('announces beats ahead of time, within 20 ms of the true beat for 90 % of them', () => {
    const offsets: number[] = [];
    for (const { song, events } of runs) {
      const times = events.map((event) => event.time);
      for (const [fired, truth] of matchBeats(times, song.beats, 0.07))
        offsets.push(Math.abs((times[fired] as number) - (song.beats[truth] as number)));
      for (const event of events) {
        expect(event.firedAt).toBeLessThanOrEqual(event.time);
        expect(event.nextBeats[0]).toBeGreaterThan(event.time);
        expect(event.confidence).toBeGreaterThanOrEqual(0);
        expect(event.confidence).toBeLessThanOrEqual(1);
      }
    }
    offsets.sort((a, b) => a - b);
    expect(offsets[Math.floor(offsets.length * 0.9)]).toBeLessThanOrEqual(0.02);
  });

  it('is sure of a click track once four beats in a row are confirmed, not only after eight', () => {
    const click = runs.find(({ song }) => song.recipe.name === 'click-120');
    if (click === undefined) throw new Error('click-120 was not tracked');
    const confidences = click.events.map((event) => event.confidence);
    expect(confidences[3]).toBeGreaterThanOrEqual(0.75);
    expect(Math.min(...confidences.slice(4, -4))).toBeGreaterThanOrEqual(0.75);
  });

  it('stops announcing beats within a few beats after the music stops', () => {
    for (const { song, events } of runs) {
      const last = song.beats.at(-1) as number;
      // Three unconfirmed beats close the gate; one more may already be announced by then.
      const after = events.filter((event) => event.time > last + 4.5 * (60 / song.tempo));
      expect(after, song.recipe.name).toHaveLength(0);
    }
  });

  it('emits beat events while blocks are streamed in, as from a capture source', async () => {
    const song = runs[0]?.song as GeneratedSong;
    const mono = mixToMono(song.channels);
    const streamed: LiveBeatEvent[] = [];
    const live = new LiveBeatTracker(song.sampleRate);
    live.on('beat', (event) => streamed.push(event));
    await live.whenReady();
    for (let start = 0; start < mono.length; start += 1024) live.push(mono.slice(start, start + 1024));
    // The worker handles requests in order: once a (fresh, empty) recording is done, every block is in.
    const done = await live.trackRecording(new Float32Array(0));
    await live.stop();
    expect(done.events).toHaveLength(0);
    expect(
      beatFMeasure(
        streamed.map((event) => event.time),
        song.beats,
      ).fMeasure,
    ).toBeGreaterThan(0.9);
  });
});

describe('live beat tracker failures', () => {
  it('reports a failure as an error event and keeps running', async () => {
    const live = new LiveBeatTracker(44_100);
    await live.whenReady();
    const failed = new Promise<Error>((resolve) => live.once('error', resolve));
    live.push(null as unknown as Float32Array);
    expect((await failed).message).toMatch(/live beat tracker/);
    const after = await live.trackRecording(new Float32Array(44_100));
    expect(after.events).toEqual([]);
    await live.stop();
  });
});

describe('live beat tracker on a stream that starts mid-noise', () => {
  const trackInProcess = async (samples: Float32Array) => {
    const engine = new LiveBeatEngine(await loadAubio(), 44_100);
    const events: LiveBeatEvent[] = [];
    for (let start = 0; start < samples.length; start += 1024)
      events.push(...engine.push(samples.subarray(start, start + 1024)));
    engine.close();
    return events;
  };

  it('announces no beat over steady noise', async () => {
    const random = seededRandom(7);
    const noise = new Float32Array(44_100 * 6).map(() => 0.3 * (random() * 2 - 1));
    expect(await trackInProcess(noise)).toEqual([]);
  });

  it('does not take the jump from silence into noise for an onset: a noisy song locks as fast as a clean one', async () => {
    // The noise starts with the stream and the drums half a second later; the stream's first frame once
    // looked like the strongest onset of the song and set the tempo to 120 BPM for seconds.
    const recipe = songCatalogue(16).find((candidate) => candidate.name === 'noise-106');
    const song = await generateSong(recipe as NonNullable<typeof recipe>);
    const events = await trackInProcess(mixToMono(song.channels));
    const times = events.map((event) => event.time);
    expect(timeToLock(times, song.beats, song.musicStart)).toBeLessThanOrEqual(2.5);
    expect(beatFMeasure(times, song.beats).fMeasure).toBeGreaterThan(0.93);
  });
});

describe('aubiojs pitfalls', () => {
  it('leaves no process-wide handlers behind after loading', async () => {
    const before = [process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')];
    await loadAubio();
    expect([process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')]).toEqual(
      before,
    );
  });

  it('frees every tracker: 400 engines in a row do not exhaust the 16 MB wasm heap', async () => {
    const aubio = await loadAubio();
    const hop = new Float32Array(1024).map((_, index) => Math.sin(index / 5) * (index < 64 ? 1 : 0));
    for (let round = 0; round < 400; round += 1) {
      const engine = new LiveBeatEngine(aubio, 44_100);
      engine.push(hop);
      engine.close();
    }
    const engine = new LiveBeatEngine(aubio, 44_100);
    expect(() => engine.push(hop)).not.toThrow();
    engine.close();
    expect(() => engine.push(hop)).toThrow(/closed/);
  });
});
