// Real playback on node-web-audio-api's null sink, checked against what the audio graph actually renders:
// a position-coded song through a tap tells, to the sample, which song sample played at each frame.
import { afterEach, describe, expect, it } from 'vitest';
import { AudioOutputError, openAudioOutput } from '../../../src/engine/audio-output.js';
import type { AudioPlayback } from '../../../src/engine/audio-playback.js';
import { TransportError, type ShowClockEventName } from '../../../src/engine/show-clock.js';
import {
  mappingMismatches,
  openTappedPlayback,
  type PositionTap,
} from '../../support/position-coded-audio.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The tap runs in a worklet thread the render thread waits for: on a loaded machine the context can fall
// far behind real time, so the tests wait for the audio to get somewhere rather than for the wall clock.
async function until(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(5);
  }
}

/** Waits until the context has rendered `seconds` more audio. */
async function rendered(playback: AudioPlayback, seconds: number): Promise<void> {
  const target = playback.measure().contextTime + seconds;
  await until(`the context renders ${seconds} s more`, () => playback.measure().contextTime >= target);
}
let open: AudioPlayback[] = [];

async function tapped(seconds: number) {
  const opened = await openTappedPlayback(seconds);
  open.push(opened.playback);
  return opened;
}

function eventLog(playback: AudioPlayback): ShowClockEventName[] {
  const names: ShowClockEventName[] = [];
  for (const name of ['play', 'pause', 'seek', 'loop', 'rate', 'ended'] as const) {
    playback.on(name, () => names.push(name));
  }
  return names;
}

function songSeconds(tap: PositionTap, sampleRate: number, from = 0): number[] {
  return tap.quanta.slice(from).map((quantum) => quantum.songSample / sampleRate);
}

afterEach(async () => {
  await Promise.all(open.map((playback) => playback.close()));
  open = [];
});

describe('AudioPlayback on the null sink', () => {
  it('plays, seeks, changes rate and pauses exactly where the clock says', async () => {
    const { playback, tap, sampleRate } = await tapped(20);
    const events = eventLog(playback);
    expect(playback.sink).toBe('none');
    playback.play();
    await rendered(playback, 0.25);
    playback.seek(10);
    await rendered(playback, 0.25);
    const beforeRate = tap.quanta.length;
    playback.setRate(0.5);
    await rendered(playback, 0.25);
    playback.pause();
    await rendered(playback, 0.1);
    const pausedAt = playback.now();
    const quantaWhenPaused = tap.quanta.length;
    await rendered(playback, 0.2);

    expect(tap.quanta.length).toBeGreaterThan(200);
    expect(mappingMismatches(playback, tap, sampleRate)).toEqual([]);
    const heard = songSeconds(tap, sampleRate);
    expect(heard[0]).toBeLessThan(0.01);
    expect(heard.some((seconds) => seconds >= 10 && seconds < 10.01)).toBe(true);
    // At half speed a 128-frame quantum covers 64 song samples.
    const slow = tap.quanta.slice(beforeRate).map((quantum) => quantum.songSample);
    const steps = slow.slice(1).map((sample, index) => sample - (slow[index] as number));
    expect(steps.filter((step) => step === 64).length).toBeGreaterThan(steps.length / 2);
    expect(tap.quanta.length).toBe(quantaWhenPaused);
    expect(playback.now()).toBe(pausedAt);
    expect(events).toEqual(['play', 'seek', 'rate', 'pause']);
  });

  it('loops a range in the audio and on the clock, and announces each turn', async () => {
    const { playback, tap, sampleRate } = await tapped(10);
    const events = eventLog(playback);
    playback.seek(3);
    playback.setLoop({ start: 1, end: 1.2 });
    playback.play();
    await rendered(playback, 0.7);
    const reads = Array.from({ length: 5 }, () => playback.now());
    expect(mappingMismatches(playback, tap, sampleRate)).toEqual([]);
    const heard = songSeconds(tap, sampleRate);
    expect(Math.min(...heard)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...heard)).toBeLessThan(1.2);
    for (const read of reads) {
      expect(read).toBeGreaterThanOrEqual(1);
      expect(read).toBeLessThan(1.2);
    }
    expect(events.filter((name) => name === 'loop').length).toBeGreaterThanOrEqual(2);
    playback.setLoop(null);
    await rendered(playback, 0.3);
    expect(Math.max(...songSeconds(tap, sampleRate))).toBeGreaterThan(1.2);
  });

  it('runs the clock behind the rendered audio by the rig\u2019s calibration', async () => {
    const { playback, tap, sampleRate } = await openTappedPlayback(10, { calibrationSeconds: 0.2 });
    open.push(playback);
    const seeks: number[] = [];
    playback.on('seek', (event) => seeks.push(event.to - event.from));
    playback.play();
    await rendered(playback, 0.5);
    const measured = playback.measure();
    // What the context rendered at the context time the clock was at when read, from the tap (the
    // smoothed time may run a little ahead of what the render thread has done on a busy machine):
    const frame = measured.smoothedContextTime * sampleRate;
    await until('the tap reaches the read', () => (tap.quanta.at(-1)?.contextFrame ?? 0) > frame);
    const there = tap.quanta.find(
      (quantum) => quantum.contextFrame <= frame && frame < quantum.contextFrame + 128,
    );
    if (there === undefined) throw new Error(`no rendered quantum holds context frame ${frame}`);
    const renderedSeconds = (there.songSample + (frame - there.contextFrame)) / sampleRate;
    // The clock reads what was rendered 0.2 s earlier.
    expect(renderedSeconds - measured.position).toBeCloseTo(0.2, 6);
    playback.setCalibration(0);
    expect(seeks).toHaveLength(1);
    expect(seeks[0]).toBeCloseTo(0.2, 2);
  });

  it('stops at the end of the song and says so', async () => {
    const { playback } = await tapped(0.3);
    const ended = new Promise((resolve) => playback.on('ended', resolve));
    playback.play();
    await expect(ended).resolves.toMatchObject({ at: 0.3 });
    expect(playback.now()).toBe(0.3);
    expect(playback.state.playing).toBe(false);
    const replay = new Promise((resolve) => playback.on('play', resolve));
    playback.play();
    await expect(replay).resolves.toMatchObject({ at: 0 });
  });

  it('rejects bad transport requests and changes nothing', async () => {
    const { playback } = await tapped(5);
    playback.play();
    expect(() => playback.seek(6)).toThrow(TransportError);
    expect(() => playback.setRate(3)).toThrow(/between 0.25 and 2/);
    expect(() => playback.setLoop({ start: 4, end: 9 })).toThrow(/outside the song/);
    expect(playback.state).toEqual({ playing: true, rate: 1, loop: null, duration: 5 });
  });

  it('closes its context, after which the clock stands still and the transport refuses', async () => {
    const { playback } = await tapped(5);
    playback.play();
    await rendered(playback, 0.1);
    await playback.close();
    const last = playback.now();
    await sleep(50);
    expect(playback.now()).toBe(last);
    expect(() => playback.play()).toThrow(/playback is closed/);
    await playback.close();
  });
});

describe('audio output choice', () => {
  it('falls back to the null sink on a machine with no sound card, and names why', async () => {
    const opened = openAudioOutput('auto', 44100);
    try {
      if (opened.sink === 'none')
        expect(opened.fallbackReason).toMatch(/^no audio output device \(.+\): playing to the null sink$/);
      else expect(opened.fallbackReason).toBeNull();
    } finally {
      await opened.context.close();
    }
  });

  it('refuses "device" with a clear error when there is none', async () => {
    let opened: ReturnType<typeof openAudioOutput> | null = null;
    try {
      opened = openAudioOutput('device', 44100);
      expect(opened.sink).toBe('device');
    } catch (error) {
      expect(error).toBeInstanceOf(AudioOutputError);
      expect((error as Error).message).toMatch(
        /^no audio output device: .+ \(choose the null sink for a headless rehearsal\)$/,
      );
    } finally {
      await opened?.context.close();
    }
  });
});
