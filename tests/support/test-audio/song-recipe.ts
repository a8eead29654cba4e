import type { TempoSpan } from './beat-grid.js';

/** The categories the benchmark reports on; every category must reach the per-category goal. */
export const songCategories = [
  'click',
  'drums',
  'tempo-change',
  'swing',
  'quiet-intro',
  'noise',
  'voice',
  'midi',
  'waltz',
] as const;
export type SongCategory = (typeof songCategories)[number];

export interface SongRecipe {
  readonly name: string;
  readonly category: SongCategory;
  /** click: metronome; drums: synthesized kit + bass + pad; midi: a MIDI file rendered by fluidsynth. */
  readonly kind: 'click' | 'drums' | 'midi';
  readonly tempo: readonly TempoSpan[];
  readonly beatsPerBar: number;
  /** Silence before the first beat, seconds. */
  readonly leadIn: number;
  /** 0.5 straight, 0.667 triplet swing of the eighth notes. */
  readonly swing: number;
  /** Bars at the start played at -26 dB with hi-hats and pad only. */
  readonly quietIntroBars: number;
  /** Pink noise added at this signal-to-noise ratio (dB), or none. */
  readonly noiseSnrDb?: number;
  /** A spoken voice (espeak-ng) over the music at this level relative to the music (dB), or none. */
  readonly voiceDb?: number;
  /** MIDI kit: which General MIDI programs play the chords, bass and lead. */
  readonly instruments?: {
    readonly chords: number;
    readonly bass: number;
    readonly lead: number;
    readonly pad: number;
  };
  readonly seed: number;
}

const base = { beatsPerBar: 4, leadIn: 0.5, swing: 0.5, quietIntroBars: 0 } as const;

function steady(bpm: number, bars: number): TempoSpan[] {
  return [{ bpm, bars }];
}

const waltz = { ...base, beatsPerBar: 3 } as const;

/**
 * The songs the tests and benchmarks use, from 70 to 180 BPM, in 4/4 except the waltz category (3/4).
 * `bars` sets the length of each song so tests can use short songs and the benchmark longer ones;
 * tempo-change songs split their bars in two.
 */
export function songCatalogue(bars: number): SongRecipe[] {
  const half = Math.max(2, Math.round(bars / 2));
  return [
    { ...base, name: 'click-70', category: 'click', kind: 'click', tempo: steady(70, bars), seed: 1 },
    { ...base, name: 'click-120', category: 'click', kind: 'click', tempo: steady(120, bars), seed: 2 },
    { ...base, name: 'click-180', category: 'click', kind: 'click', tempo: steady(180, bars), seed: 3 },
    { ...base, name: 'drums-80', category: 'drums', kind: 'drums', tempo: steady(80, bars), seed: 4 },
    { ...base, name: 'drums-104', category: 'drums', kind: 'drums', tempo: steady(104, bars), seed: 5 },
    { ...base, name: 'drums-128', category: 'drums', kind: 'drums', tempo: steady(128, bars), seed: 6 },
    { ...base, name: 'drums-152', category: 'drums', kind: 'drums', tempo: steady(152, bars), seed: 7 },
    { ...base, name: 'drums-176', category: 'drums', kind: 'drums', tempo: steady(176, bars), seed: 8 },
    {
      ...base,
      name: 'step-96-124',
      category: 'tempo-change',
      kind: 'drums',
      tempo: [
        { bpm: 96, bars: half },
        { bpm: 124, bars: half },
      ],
      seed: 9,
    },
    {
      ...base,
      name: 'step-140-112',
      category: 'tempo-change',
      kind: 'drums',
      tempo: [
        { bpm: 140, bars: half },
        { bpm: 112, bars: half },
      ],
      seed: 10,
    },
    {
      ...base,
      name: 'ramp-100-130',
      category: 'tempo-change',
      kind: 'drums',
      tempo: [{ bpm: 100, rampToBpm: 130, bars }],
      seed: 11,
    },
    {
      ...base,
      name: 'swing-92',
      category: 'swing',
      kind: 'drums',
      swing: 2 / 3,
      tempo: steady(92, bars),
      seed: 12,
    },
    {
      ...base,
      name: 'swing-118',
      category: 'swing',
      kind: 'drums',
      swing: 0.62,
      tempo: steady(118, bars),
      seed: 13,
    },
    {
      ...base,
      name: 'intro-110',
      category: 'quiet-intro',
      kind: 'drums',
      quietIntroBars: 4,
      tempo: steady(110, bars),
      seed: 14,
    },
    {
      ...base,
      name: 'intro-136',
      category: 'quiet-intro',
      kind: 'drums',
      quietIntroBars: 4,
      tempo: steady(136, bars),
      seed: 15,
    },
    {
      ...base,
      name: 'noise-106',
      category: 'noise',
      kind: 'drums',
      noiseSnrDb: 6,
      tempo: steady(106, bars),
      seed: 16,
    },
    {
      ...base,
      name: 'noise-160',
      category: 'noise',
      kind: 'drums',
      noiseSnrDb: 10,
      tempo: steady(160, bars),
      seed: 17,
    },
    {
      ...base,
      name: 'voice-96',
      category: 'voice',
      kind: 'drums',
      voiceDb: 0,
      tempo: steady(96, bars),
      seed: 18,
    },
    {
      ...base,
      name: 'voice-124',
      category: 'voice',
      kind: 'drums',
      voiceDb: 0,
      tempo: steady(124, bars),
      seed: 19,
    },
    {
      ...base,
      name: 'midi-pop-76',
      category: 'midi',
      kind: 'midi',
      tempo: steady(76, bars),
      instruments: { chords: 0, bass: 33, lead: 73, pad: 48 },
      seed: 20,
    },
    {
      ...base,
      name: 'midi-rock-122',
      category: 'midi',
      kind: 'midi',
      tempo: [
        { bpm: 122, bars: half },
        { bpm: 132, bars: half },
      ],
      instruments: { chords: 29, bass: 34, lead: 65, pad: 89 },
      seed: 21,
    },
    {
      ...base,
      name: 'midi-dance-146',
      category: 'midi',
      kind: 'midi',
      tempo: steady(146, bars),
      instruments: { chords: 4, bass: 38, lead: 80, pad: 50 },
      seed: 22,
    },
    { ...waltz, name: 'waltz-90', category: 'waltz', kind: 'drums', tempo: steady(90, bars), seed: 23 },
    {
      ...waltz,
      name: 'waltz-click-150',
      category: 'waltz',
      kind: 'click',
      tempo: steady(150, bars),
      seed: 24,
    },
    {
      ...waltz,
      name: 'midi-waltz-120',
      category: 'waltz',
      kind: 'midi',
      tempo: steady(120, bars),
      instruments: { chords: 0, bass: 32, lead: 40, pad: 48 },
      seed: 25,
    },
  ];
}

/**
 * The catalogue again at other tempos and seeds: songs no setting was tuned on, so a benchmark can show
 * whether a figure holds beyond the songs it was measured on. Tempos stay within 68–185 BPM.
 */
export function heldOutCatalogue(bars: number, tempoFactor: number): SongRecipe[] {
  const scale = (bpm: number) => Math.min(185, Math.max(68, Math.round(bpm * tempoFactor * 10) / 10));
  return songCatalogue(bars).map((recipe) => ({
    ...recipe,
    name: `${recipe.name}×${tempoFactor}`,
    seed: recipe.seed + Math.round(tempoFactor * 1000),
    tempo: recipe.tempo.map((span) => ({
      ...span,
      bpm: scale(span.bpm),
      ...(span.rampToBpm === undefined ? {} : { rampToBpm: scale(span.rampToBpm) }),
    })),
  }));
}
