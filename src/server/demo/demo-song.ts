// The demo song, synthesised so that `npm start` needs no file from outside: 120 BPM in 4/4, with a kick on
// every beat from the verse on, so the beat grid the show follows is exact and easy to hear.
import type { BeatGrid, Section } from '../../show/index.js';

export const DEMO_BPM = 120;
export const DEMO_SAMPLE_RATE = 44_100;
const BEAT: number = 60 / DEMO_BPM;
const BAR = 4 * BEAT;

/** Sections in bars: where the demo show changes its looks. */
export const DEMO_SECTIONS = [
  { label: 'intro', startBar: 0, bars: 4, energy: 0.2 },
  { label: 'verse', startBar: 4, bars: 4, energy: 0.5 },
  { label: 'build', startBar: 8, bars: 4, energy: 0.7 },
  { label: 'drop', startBar: 12, bars: 6, energy: 1 },
  { label: 'outro', startBar: 18, bars: 2, energy: 0.3 },
] as const;

export const DEMO_BARS = 20;
export const DEMO_DURATION = DEMO_BARS * BAR;

export function demoBeatGrid(): BeatGrid {
  const beats = Array.from({ length: DEMO_BARS * 4 }, (_, index) => index * BEAT);
  return { beats, downbeats: beats.filter((_, index) => index % 4 === 0), bpm: DEMO_BPM };
}

export function demoSections(): Section[] {
  return DEMO_SECTIONS.map(({ label, startBar, bars, energy }) => ({
    start: startBar * BAR,
    end: (startBar + bars) * BAR,
    label,
    energy,
  }));
}

/** Deterministic noise, so the demo song's bytes (and hash) are the same on every machine. */
function noiseSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2147483648 - 1;
  };
}

type Voice = (out: Float32Array, at: number, gain: number) => void;

const rate = DEMO_SAMPLE_RATE;

const kick: Voice = (out, at, gain) => {
  const start = Math.round(at * rate);
  const length = Math.round(0.3 * rate);
  let phase = 0;
  for (let i = 0; i < length && start + i < out.length; i++) {
    const t = i / rate;
    phase += (2 * Math.PI * (45 + 110 * Math.exp(-t * 30))) / rate;
    out[start + i] = (out[start + i] as number) + gain * Math.sin(phase) * Math.exp(-t * 9);
  }
};

function noiseVoice(seconds: number, decay: number, bright: boolean, tone: number): Voice {
  const noise = noiseSource(seconds * 1000 + decay);
  return (out, at, gain) => {
    const start = Math.round(at * rate);
    const length = Math.round(seconds * rate);
    let previous = 0;
    for (let i = 0; i < length && start + i < out.length; i++) {
      const t = i / rate;
      const white = noise();
      // A first difference tilts white noise towards the highs: a hat rather than a hiss.
      const sample = bright ? white - previous : white;
      previous = white;
      const body = tone > 0 ? 0.5 * Math.sin(2 * Math.PI * tone * t) : 0;
      out[start + i] = (out[start + i] as number) + gain * (sample + body) * Math.exp(-t * decay);
    }
  };
}

const snare = noiseVoice(0.25, 18, false, 190);
const hat = noiseVoice(0.06, 70, true, 0);

/** Bass notes per bar (Hz): A, F, C, G. */
const BASS_ROOTS = [55, 43.65, 65.41, 49];

function bass(out: Float32Array, at: number, frequency: number, seconds: number, gain: number): void {
  const start = Math.round(at * rate);
  const length = Math.round(seconds * rate);
  for (let i = 0; i < length && start + i < out.length; i++) {
    const t = i / rate;
    const saw = 2 * ((t * frequency) % 1) - 1;
    const envelope = Math.min(1, t * 200) * Math.exp(-t * 4);
    out[start + i] = (out[start + i] as number) + gain * 0.6 * saw * envelope;
  }
}

function pad(
  out: Float32Array,
  from: number,
  to: number,
  frequencies: readonly number[],
  gain: number,
): void {
  const start = Math.round(from * rate);
  const end = Math.min(out.length, Math.round(to * rate));
  const length = end - start;
  for (let i = 0; i < length; i++) {
    const t = i / rate;
    const envelope = Math.min(1, t / 1.5, (length - i) / rate / 1.5);
    let sum = 0;
    for (const frequency of frequencies) sum += Math.sin(2 * Math.PI * frequency * t);
    out[start + i] = (out[start + i] as number) + (gain * envelope * sum) / frequencies.length;
  }
}

function sectionOf(bar: number): string {
  return (
    DEMO_SECTIONS.find((section) => bar >= section.startBar && bar < section.startBar + section.bars)
      ?.label ?? 'outro'
  );
}

/** The demo song as mono samples at DEMO_SAMPLE_RATE. */
export function synthesizeDemoSong(): Float32Array {
  const out = new Float32Array(Math.round(DEMO_DURATION * rate));
  for (let bar = 0; bar < DEMO_BARS; bar++) {
    const section = sectionOf(bar);
    const barStart = bar * BAR;
    const root = BASS_ROOTS[bar % 4] as number;
    pad(out, barStart, barStart + BAR, [root * 4, root * 5, root * 6], section === 'drop' ? 0.12 : 0.18);
    for (let beat = 0; beat < 4; beat++) {
      const at = barStart + beat * BEAT;
      if (section !== 'intro') kick(out, at, section === 'outro' ? 0.5 : 0.9);
      if ((section === 'drop' || section === 'build') && beat % 2 === 1) snare(out, at, 0.35);
      if (section === 'build' && bar % 4 === 3) snare(out, at + BEAT / 2, 0.2);
      hat(out, at + BEAT / 2, 0.25);
      if (section === 'drop') hat(out, at, 0.12);
      if (section === 'verse' || section === 'drop') {
        bass(out, at, root, BEAT * 0.45, 0.5);
        bass(out, at + BEAT / 2, root * 2, BEAT * 0.4, 0.35);
      }
    }
  }
  let peak = 0;
  for (const sample of out) peak = Math.max(peak, Math.abs(sample));
  const scale = peak > 0 ? 0.89 / peak : 1;
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) * scale;
  return out;
}
