// Small synthesized instruments for the drum-pattern songs. Each adds its sound into a mono buffer at a
// sample position; the attack starts exactly at that sample, so ground-truth times are the onset times.
import { seededRandom } from './prng.js';

export interface MonoBuffer {
  readonly sampleRate: number;
  readonly samples: Float32Array;
}

function addAt(target: MonoBuffer, time: number, length: number, sample: (n: number) => number): void {
  const first = Math.round(time * target.sampleRate);
  const last = Math.min(target.samples.length, first + length);
  for (let index = Math.max(0, first); index < last; index += 1) {
    target.samples[index] = (target.samples[index] as number) + sample(index - first);
  }
}

export function addKick(target: MonoBuffer, time: number, gain: number): void {
  const rate = target.sampleRate;
  let phase = 0;
  addAt(target, time, Math.round(0.35 * rate), (n) => {
    const seconds = n / rate;
    const frequency = 48 + 110 * Math.exp(-seconds / 0.04);
    phase += (2 * Math.PI * frequency) / rate;
    const click = n < 0.004 * rate ? 0.5 * (1 - n / (0.004 * rate)) : 0;
    return gain * (Math.sin(phase) * Math.exp(-seconds / 0.12) + click);
  });
}

export function addSnare(target: MonoBuffer, time: number, gain: number, seed: number): void {
  const rate = target.sampleRate;
  const random = seededRandom(seed);
  let lowpassed = 0;
  addAt(target, time, Math.round(0.22 * rate), (n) => {
    const seconds = n / rate;
    const white = random() * 2 - 1;
    lowpassed += 0.5 * (white - lowpassed);
    const noise = white - lowpassed;
    const tone = Math.sin(2 * Math.PI * 190 * seconds) * Math.exp(-seconds / 0.05);
    return gain * (0.7 * noise * Math.exp(-seconds / 0.07) + 0.5 * tone);
  });
}

export function addHiHat(target: MonoBuffer, time: number, gain: number, seed: number, open = false): void {
  const rate = target.sampleRate;
  const random = seededRandom(seed);
  let previous = 0;
  const decay = open ? 0.18 : 0.035;
  addAt(target, time, Math.round(decay * 6 * rate), (n) => {
    const white = random() * 2 - 1;
    const highpassed = white - previous;
    previous = white;
    return gain * 0.5 * highpassed * Math.exp(-n / rate / decay);
  });
}

export function addCrash(target: MonoBuffer, time: number, gain: number, seed: number): void {
  const rate = target.sampleRate;
  const random = seededRandom(seed);
  let previous = 0;
  addAt(target, time, Math.round(1.5 * rate), (n) => {
    const white = random() * 2 - 1;
    const highpassed = white - previous;
    previous = white;
    return gain * 0.35 * highpassed * Math.exp(-n / rate / 0.5);
  });
}

/** A metronome click: 20 ms of a decaying tone, higher and louder on the accent (beat one of a bar). */
export function addClick(target: MonoBuffer, time: number, accent: boolean): void {
  const rate = target.sampleRate;
  const frequency = accent ? 1760 : 1100;
  const gain = accent ? 0.8 : 0.5;
  addAt(target, time, Math.round(0.03 * rate), (n) => {
    const seconds = n / rate;
    return gain * Math.sin(2 * Math.PI * frequency * seconds) * Math.exp(-seconds / 0.008);
  });
}

/** A plucked bass note (two detuned saw-ish partials, decaying). */
export function addBassNote(
  target: MonoBuffer,
  time: number,
  duration: number,
  midiNote: number,
  gain: number,
): void {
  const rate = target.sampleRate;
  const frequency = 440 * 2 ** ((midiNote - 69) / 12);
  addAt(target, time, Math.round(duration * rate), (n) => {
    const seconds = n / rate;
    const release = Math.min(1, (duration - seconds) / 0.02);
    let value = 0;
    for (let harmonic = 1; harmonic <= 4; harmonic += 1) {
      value += Math.sin(2 * Math.PI * frequency * harmonic * seconds) / harmonic;
    }
    return gain * 0.5 * value * Math.exp(-seconds / 0.4) * Math.min(1, n / 40) * release;
  });
}

/** A soft sustained chord (sines with a slow attack): harmony that changes on bar lines. */
export function addPadChord(
  target: MonoBuffer,
  time: number,
  duration: number,
  notes: readonly number[],
  gain: number,
): void {
  const rate = target.sampleRate;
  const frequencies = notes.map((note) => 440 * 2 ** ((note - 69) / 12));
  addAt(target, time, Math.round(duration * rate), (n) => {
    const seconds = n / rate;
    const envelope = Math.min(1, seconds / 0.05) * Math.min(1, (duration - seconds) / 0.05);
    let value = 0;
    for (const frequency of frequencies) value += Math.sin(2 * Math.PI * frequency * seconds);
    return (gain * envelope * value) / frequencies.length;
  });
}
