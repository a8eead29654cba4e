// Whole-song analysis, start to finish: features → tempo track → beats → meter and bar phase → sections,
// plus onsets, energy and waveform peaks. Pure computation on decoded samples; run it in a worker
// (analysis-worker.ts).
import { beatFrameDelaySeconds } from './beat-timing.js';
import { refineBeatFrames, trackBeatFrames, trimUnsupportedBeats } from './beat-tracking.js';
import { barCues, barPositions, downbeatLikelihoods } from './downbeat-estimation.js';
import { downsampleForAnalysis, mixToMono } from './dsp/mono-downmix.js';
import { estimateBeatsPerBar } from './meter-estimation.js';
import { normaliseOnsetEnvelope } from './onset-envelope.js';
import { detectOnsetFrames } from './onset-detection.js';
import { segmentSections } from './section-segmentation.js';
import {
  analysisVersion,
  type AnalysisAudio,
  type AnalysisProgress,
  type SongAnalysis,
} from './song-analysis.js';
import { computeSpectralFeatures } from './spectral-features.js';
import { tempoAutocorrelation } from './tempo-autocorrelation.js';
import { tempoChangePoints } from './tempo-changes.js';
import { beatPeriodAtFrames, trackTempo } from './tempo-tracking.js';
import { rmsEnergyCurve, waveformPeaks } from './waveform-peaks.js';

const millis = (value: number) => Math.round(value * 1000) / 1000;

export function analyseSong(
  audio: AnalysisAudio,
  onProgress: (progress: AnalysisProgress) => void = () => {},
): SongAnalysis {
  const mono = mixToMono(audio.channels);
  const reduced = downsampleForAnalysis(mono, audio.sampleRate);
  const features = computeSpectralFeatures(reduced.samples, reduced.sampleRate, (fraction) =>
    onProgress({ stage: 'features', fraction: 0.6 * fraction }),
  );
  const frameTime = (frame: number) => Math.max(0, frame / features.frameRate + beatFrameDelaySeconds);

  onProgress({ stage: 'tempo', fraction: 0.6 });
  const envelope = normaliseOnsetEnvelope(features.onsetStrength, features.frameRate);
  const tempo = trackTempo(tempoAutocorrelation(envelope, features.frameRate));
  const periods = beatPeriodAtFrames(tempo, features.frameRate, features.frameCount);

  onProgress({ stage: 'beats', fraction: 0.7 });
  const beatFrames = refineBeatFrames(
    envelope,
    trimUnsupportedBeats(trackBeatFrames(envelope, periods), envelope),
  );
  const strengths = beatFrames.map((frame) =>
    Math.max(envelope[Math.floor(frame)] ?? 0, envelope[Math.ceil(frame)] ?? 0),
  );
  const typicalStrength = [...strengths].sort((a, b) => a - b)[Math.floor(strengths.length / 2)] || 1;

  onProgress({ stage: 'bars', fraction: 0.8 });
  const likelihoods = downbeatLikelihoods(barCues(features, beatFrames));
  // The meter first (3 or 4 beats per bar), then the bar phase within it; sections follow these bars.
  const beatsPerBar = estimateBeatsPerBar(likelihoods);
  const positions = barPositions(likelihoods, beatsPerBar);
  const downbeatFrames = beatFrames.filter((_, index) => positions[index] === 0);

  onProgress({ stage: 'sections', fraction: 0.85 });
  const sections = segmentSections(features, downbeatFrames, audio.duration);

  onProgress({ stage: 'waveform', fraction: 0.9 });
  const peaks = waveformPeaks(mono, audio.sampleRate);
  const energy = rmsEnergyCurve(mono, audio.sampleRate);
  onProgress({ stage: 'done', fraction: 1 });
  // Without beats there is no tempo to report, only what the tempo search would have guessed.
  const hasBeats = beatFrames.length >= 2;
  return {
    version: analysisVersion,
    duration: audio.duration,
    sampleRate: audio.sampleRate,
    tempo: hasBeats ? Math.round(tempo.bpm * 100) / 100 : 0,
    tempoCurve: hasBeats
      ? tempo.curve.map(({ time, bpm }) => ({ time: millis(time), bpm: Math.round(bpm * 100) / 100 }))
      : [],
    tempoChanges: hasBeats ? tempoChangePoints(tempo.curve) : [],
    beats: beatFrames.map((frame, index) => ({
      time: millis(frameTime(frame)),
      confidence: Math.round(Math.min(1, (strengths[index] as number) / typicalStrength) * 100) / 100,
    })),
    beatsPerBar,
    downbeats: downbeatFrames.map((frame) => millis(frameTime(frame))),
    onsets: detectOnsetFrames(features.onsetStrength, features.frameRate).map((frame) =>
      millis(frameTime(frame)),
    ),
    sections: sections.map((section) => ({
      ...section,
      start: millis(section.start),
      end: millis(section.end),
    })),
    energy,
    waveformPeaks: peaks,
  };
}
