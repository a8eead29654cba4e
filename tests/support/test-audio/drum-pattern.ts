// What the kit and the bass play on each beat of a bar, shared by the synthesized and the MIDI songs so both
// put the bar's accents in the same places: a backbeat (kick on 1 and 3, snare on 2 and 4) in even meters,
// an oom-pah-pah in 3/4 (kick and bass on 1 only, lighter snare and chords on 2 and 3), so a waltz's
// downbeat is marked only once per three beats, as in real waltz-time music.

export interface BeatHits {
  /** Kick on the beat, relative level (0 = none). */
  readonly kick: number;
  /** Kick on the off-beat eighth after the beat, relative level (0 = none). */
  readonly offbeatKick: number;
  /** Snare on the beat, relative level (0 = none). */
  readonly snare: number;
  /** A bass note on the beat: the chord's root, or its octave. */
  readonly bass?: 'root' | 'octave';
  /** Whether the comping chord (MIDI songs) strikes on this beat. */
  readonly chord: boolean;
}

const waltz: readonly BeatHits[] = [
  { kick: 1, offbeatKick: 0, snare: 0, bass: 'root', chord: false },
  { kick: 0, offbeatKick: 0, snare: 0.75, chord: true },
  { kick: 0, offbeatKick: 0, snare: 0.75, chord: true },
];

function backbeat(beatInBar: number): BeatHits {
  const bass = beatInBar === 0 ? 'root' : beatInBar === 2 ? 'octave' : undefined;
  return {
    kick: beatInBar % 2 === 0 ? 1 : 0,
    offbeatKick: beatInBar === 1 ? 1 : 0,
    snare: beatInBar % 2 === 1 ? 1 : 0,
    ...(bass === undefined ? {} : { bass }),
    chord: true,
  };
}

/** The hits of every beat of a bar of `beatsPerBar` beats. */
export function drumPattern(beatsPerBar: number): readonly BeatHits[] {
  return beatsPerBar === 3 ? waltz : Array.from({ length: beatsPerBar }, (_, beat) => backbeat(beat));
}
