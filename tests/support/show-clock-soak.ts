// A scripted null-sink playback with seeks, pauses, a loop and rate changes, reading the show clock about
// once a millisecond beside the audio context's own time. Shared by the show-clock test (which checks the
// figures) and the show-clock benchmark (which reports them).
import { percentile } from '../bench/benchmark.js';
import { AudioPlayback, type ClockMeasurement } from '../../src/engine/audio-playback.js';
import type { ShowClockEventName } from '../../src/engine/show-clock.js';
import { positionCodedAudio } from './position-coded-audio.js';

/** Transport actions at fractions of the run (the full run is 60 s). */
const SCRIPT: readonly { at: number; act: (playback: AudioPlayback) => void }[] = [
  { at: 0, act: (playback) => playback.play() },
  { at: 8 / 60, act: (playback) => playback.seek(30) },
  { at: 15 / 60, act: (playback) => playback.pause() },
  { at: 18 / 60, act: (playback) => playback.play() },
  { at: 25 / 60, act: (playback) => playback.seek(5) },
  { at: 35 / 60, act: (playback) => playback.setLoop({ start: 10, end: 14 }) },
  { at: 45 / 60, act: (playback) => (playback.setLoop(null), playback.setRate(0.75)) },
  { at: 52 / 60, act: (playback) => playback.setRate(1) },
  { at: 55 / 60, act: (playback) => playback.pause() },
  { at: 57 / 60, act: (playback) => playback.play() },
];
// Reads this close (host ms) to a transport change or loop are left out of the error and jitter figures:
// there the raw and the smoothed time may sit on either side of the jump.
const AROUND_EVENT_MS = 100;
// heardAtMs is predicted from the smoothed clock, so it may be off by a fraction of a millisecond.
const JUMP_SLACK_MS = 5;
// The render thread this far behind real time was starved by the machine: the audio itself lost time.
const STARVED_BEHIND_MS = 20;
const RECOVERY_MS = 1000;
const SCHEDULE_WINDOW_MS = 3000;
const WARM_UP_MS = 1000;

interface Read extends ClockMeasurement {
  readonly playing: boolean;
  readonly rate: number;
  /** How many events had been announced when this read was taken. */
  readonly epoch: number;
}

export interface Spread {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export interface SoakResult {
  readonly seconds: number;
  readonly reads: number;
  /** Reads at which the context's time had just moved to a new render quantum. */
  readonly sightings: number;
  /**
   * |clock − audio position| in ms at every steady read (playing, away from transport changes) while the
   * render thread kept time; the audio position is the context's render schedule found with hindsight.
   */
  readonly errorMs: Spread;
  /** Mean of (clock − audio position) in ms there: the clock's bias. */
  readonly meanErrorMs: number;
  /** The same over all steady reads, including while the machine starved the render thread. */
  readonly errorAllMs: Spread;
  /** Sightings at which the render thread was over 20 ms behind its schedule. */
  readonly starvations: number;
  /** Where the largest error (outside starvation) was, for diagnosis. */
  readonly worst: Record<string, number>;
  /** Share of steady reads within 0.5 s of such a starvation (left out of errorMs). */
  readonly starvedFraction: number;
  /** |clock − position of the raw context time| in ms at reads where the context had just stepped. */
  readonly rawErrorMs: Spread;
  readonly meanRawErrorMs: number;
  /** |Δclock − Δhost·rate| between successive reads, ms: what a reader sees as jitter. */
  readonly jitterMs: Spread;
  /** The same for the raw context time: the steps the smoothing removes. */
  readonly rawJitterMs: Spread;
  /** Successive reads where the clock went back with no announced jump heard between them. */
  readonly backwardSteps: number;
  readonly events: readonly ShowClockEventName[];
}

function spread(values: readonly number[]): Spread {
  return {
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: values.length ? Math.max(...values) : NaN,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runShowClockSoak(seconds = 60): Promise<SoakResult> {
  const audio = positionCodedAudio(90);
  const playback = await AudioPlayback.open(audio, { output: 'none' });
  const events: ShowClockEventName[] = [];
  const eventHostMs: number[] = [];
  for (const name of ['play', 'pause', 'seek', 'loop', 'rate', 'ended'] as const) {
    playback.on(name, (event) => {
      events.push(name);
      eventHostMs.push(performance.now(), event.heardAtMs);
    });
  }
  const reads: Read[] = [];
  try {
    const startMs = performance.now();
    let next = 0;
    while (performance.now() - startMs < seconds * 1000) {
      const step = SCRIPT[next];
      if (step !== undefined && performance.now() - startMs >= step.at * seconds * 1000) {
        step.act(playback);
        next++;
      }
      const measurement = playback.measure();
      const { playing, rate } = playback.state;
      reads.push({ ...measurement, playing, rate, epoch: events.length });
      await sleep(1);
    }
  } finally {
    await playback.close();
  }
  return summarise(reads, events, eventHostMs, seconds);
}

/**
 * The audio clock's own schedule, found with hindsight: the context's time is never seen before it is
 * rendered, so the earliest sighting (lowest host − context offset) over the next few seconds lies on the
 * schedule. Looking ahead only, a schedule that moves for good (time lost in an underrun) is picked up
 * at once, and a render thread that is late and then catches up is measured against where it should be.
 * Returns, per read, that offset in ms.
 */
function scheduleOffsets(reads: readonly Read[], windowMs: number): number[] {
  const sightings = reads.filter(
    (read, index) => index === 0 || read.contextTime !== (reads[index - 1] as Read).contextTime,
  );
  const offsetOf = (index: number) => {
    const sighting = sightings[index] as Read;
    return sighting.hostMs - sighting.contextTime * 1000;
  };
  const offsets: number[] = [];
  let from = 0;
  let to = 0;
  const window: number[] = []; // indices into sightings, offsets increasing (sliding minimum)
  for (const read of reads) {
    while (to < sightings.length && (sightings[to] as Read).hostMs <= read.hostMs + windowMs) {
      while (window.length > 0 && offsetOf(window.at(-1) as number) >= offsetOf(to)) window.pop();
      window.push(to++);
    }
    while (from < to - 1 && (sightings[from + 1] as Read).hostMs <= read.hostMs) from++;
    while (window.length > 1 && (window[0] as number) < from) window.shift();
    offsets.push(offsetOf(window[0] as number));
  }
  return offsets;
}

/**
 * Host-time windows in which the audio itself misbehaved because the machine starved its render thread:
 * the thread ran more than STARVED_BEHIND_MS behind its schedule, or the schedule moved (time was lost,
 * as in an underrun; the clock needs a moment to tell that from a late render). Each window runs on for
 * RECOVERY_MS while the clock settles.
 */
function starvedWindows(reads: readonly Read[], offsets: readonly number[]): [number, number][] {
  const windows: [number, number][] = [];
  let lastSighting: Read | undefined;
  let readsSinceSighting = 0;
  reads.forEach((read, index) => {
    const previous = reads[index - 1];
    const offset = offsets[index] as number;
    if (previous !== undefined && Math.abs(offset - (offsets[index - 1] as number)) > STARVED_BEHIND_MS) {
      windows.push([previous.hostMs, read.hostMs + RECOVERY_MS]);
    }
    if (previous !== undefined && read.contextTime === previous.contextTime) {
      readsSinceSighting++;
      return;
    }
    const behindMs = read.hostMs - read.contextTime * 1000 - offset;
    if (behindMs > STARVED_BEHIND_MS) windows.push([read.hostMs - behindMs, read.hostMs + RECOVERY_MS]);
    // The context stood still while this test kept reading it: the render thread stalled, even if it
    // then caught up in one burst.
    const stoodStill = lastSighting !== undefined && read.hostMs - lastSighting.hostMs > STARVED_BEHIND_MS;
    if (stoodStill && readsSinceSighting >= 2)
      windows.push([(lastSighting as Read).hostMs, read.hostMs + RECOVERY_MS]);
    lastSighting = read;
    readsSinceSighting = 0;
  });
  return windows;
}

function describeWorst(
  worst: { errorMs: number; read: Read | null; index: number },
  reads: readonly Read[],
  offsets: readonly number[],
  starved: readonly [number, number][],
  eventHostMs: readonly number[],
): Record<string, number> {
  const read = worst.read;
  if (read === null) return {};
  const startMs = (reads[0] as Read).hostMs;
  const distance = (values: readonly number[]) => Math.min(...values.map((at) => Math.abs(at - read.hostMs)));
  return {
    errorMs: worst.errorMs,
    atSeconds: (read.hostMs - startMs) / 1000,
    msFromStarvedWindow: distance(starved.flat()),
    msFromEvent: distance(eventHostMs),
    rawBehindScheduleMs: read.hostMs - read.contextTime * 1000 - (offsets[worst.index] as number),
    smoothedMinusRawMs: (read.smoothedContextTime - read.contextTime) * 1000,
  };
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function summarise(
  reads: Read[],
  events: ShowClockEventName[],
  eventHostMs: number[],
  seconds: number,
): SoakResult {
  const nearEvent = (hostMs: number) => eventHostMs.some((at) => Math.abs(hostMs - at) < AROUND_EVENT_MS);
  const offsets = scheduleOffsets(reads, SCHEDULE_WINDOW_MS);
  // The smoother's first second is warm-up (a song is loaded well before it plays), and the last window
  // has too little future to find the schedule from.
  const firstCountedMs = (reads[0]?.hostMs ?? 0) + WARM_UP_MS;
  const lastCountedMs = (reads.at(-1)?.hostMs ?? 0) - SCHEDULE_WINDOW_MS;
  const starved = starvedWindows(reads, offsets);
  const inStarved = (hostMs: number) => starved.some(([from, to]) => hostMs >= from && hostMs <= to);
  const scheduleErrors: number[] = [];
  const keptTimeErrors: number[] = [];
  let worst: { errorMs: number; read: Read | null; index: number } = { errorMs: 0, read: null, index: 0 };
  const rawErrors: number[] = [];
  const jitter: number[] = [];
  const rawJitter: number[] = [];
  let sightings = 0;
  let backwardSteps = 0;
  for (let index = 1; index < reads.length; index++) {
    const previous = reads[index - 1] as Read;
    const read = reads[index] as Read;
    // The contract: the clock only goes back at the moment an announced jump is heard (its heardAtMs).
    const jumpHeardBetween = eventHostMs.some(
      (at) => at >= previous.hostMs - JUMP_SLACK_MS && at <= read.hostMs + JUMP_SLACK_MS,
    );
    if (read.position < previous.position && !jumpHeardBetween) backwardSteps++;
    const steady =
      read.hostMs >= firstCountedMs &&
      read.hostMs <= lastCountedMs &&
      previous.epoch === read.epoch &&
      read.playing &&
      previous.playing &&
      !nearEvent(read.hostMs) &&
      !nearEvent(previous.hostMs);
    if (!steady) continue;
    const expected = ((read.hostMs - previous.hostMs) / 1000) * read.rate;
    const scheduled = (read.hostMs - (offsets[index] as number)) / 1000;
    const error = (read.smoothedContextTime - scheduled) * read.rate * 1000;
    scheduleErrors.push(error);
    if (!inStarved(read.hostMs)) {
      keptTimeErrors.push(error);
      if (Math.abs(error) > Math.abs(worst.errorMs)) worst = { errorMs: error, read, index };
    }
    jitter.push(Math.abs(read.position - previous.position - expected) * 1000);
    rawJitter.push(Math.abs(read.rawPosition - previous.rawPosition - expected) * 1000);
    if (read.contextTime !== previous.contextTime) {
      sightings++;
      rawErrors.push((read.position - read.rawPosition) * 1000);
    }
  }
  return {
    seconds,
    reads: reads.length,
    sightings,
    errorMs: spread(keptTimeErrors.map(Math.abs)),
    meanErrorMs: mean(keptTimeErrors),
    errorAllMs: spread(scheduleErrors.map(Math.abs)),
    starvations: starved.length,
    starvedFraction: 1 - keptTimeErrors.length / scheduleErrors.length,
    worst: describeWorst(worst, reads, offsets, starved, eventHostMs),
    rawErrorMs: spread(rawErrors.map(Math.abs)),
    meanRawErrorMs: mean(rawErrors),
    jitterMs: spread(jitter),
    rawJitterMs: spread(rawJitter),
    backwardSteps,
    events,
  };
}
