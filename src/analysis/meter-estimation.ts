// Meter: 3 or 4 beats per bar, from how strongly the per-beat downbeat likelihood (harmonic change, kick and
// bass accent, loudness: downbeat-estimation.ts) repeats with a period of 3 or of 4 beats. In each window of
// beats, the share of the likelihood's variance explained by the position modulo the period (η², a one-way
// ANOVA over the positions) is high when one position stands out every bar; a 4/4 backbeat (period 2) also
// folds at 4, never at 3, and a waltz folds at 3, never at 4.
//
// Measured on the generated songs (32 bars, every category, its held-out copies at 0.9× and 1.1× tempo, and
// each drum and MIDI recipe again in 3/4: 94 songs): chance-corrected η² at 3 minus η² at 4 is at most −0.16
// on a 4/4 song (a voice over drums) and at least +0.29 on a 3/4 one (the same voice song in 3/4). The
// threshold 0.08 sits between them, a little towards 3/4, since a 4/4 song read as 3/4 breaks every bar.
// Folding per window rather than over the whole song keeps a phase jump (a dropped beat) from smearing all
// positions; the combined likelihood separated the meters better than any single cue (a click track has
// no low-band accent, a voice blurs the harmonic change).

export type BeatsPerBar = 3 | 4;

/** Windows that hold whole bars of both meters (LCM 12) twice over. */
const windowBeats = 24;
const windowHop = 12;
/** Fewer beats than this say too little about the bar: assume 4/4. */
const minimumBeats = 12;
const threeOverFourThreshold = 0.08;

/** Share of the variance of `values` explained by the position modulo `period`, above what chance gives. */
function periodicShare(values: readonly number[], period: number): number {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  let total = 0;
  for (const value of values) total += (value - mean) ** 2;
  if (total <= 0) return 0;
  let between = 0;
  for (let position = 0; position < period; position += 1) {
    let sum = 0;
    let count = 0;
    for (let index = position; index < values.length; index += period) {
      sum += (values[index] as number) - mean;
      count += 1;
    }
    if (count > 0) between += (sum * sum) / count;
  }
  // Independent noise explains (period − 1)/(n − 1) of the variance on average: take that away.
  const chance = (period - 1) / (values.length - 1);
  return (between / total - chance) / (1 - chance);
}

/** Mean periodic share at `period` over overlapping windows of the song's beats. */
export function meterStrength(likelihoods: readonly number[], period: number): number {
  const length = Math.min(windowBeats, likelihoods.length);
  let sum = 0;
  let windows = 0;
  for (let start = 0; start + length <= likelihoods.length; start += windowHop) {
    sum += periodicShare(likelihoods.slice(start, start + length), period);
    windows += 1;
  }
  return windows === 0 ? 0 : sum / windows;
}

/** Beats per bar for a song, from each beat's downbeat likelihood in song order. */
export function estimateBeatsPerBar(likelihoods: readonly number[]): BeatsPerBar {
  if (likelihoods.length < minimumBeats) return 4;
  return meterStrength(likelihoods, 3) - meterStrength(likelihoods, 4) > threeOverFourThreshold ? 3 : 4;
}
