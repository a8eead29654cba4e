import { analysisProgress, show } from '../state/live-state.js';

const STAGE_LABELS = {
  features: 'Listening',
  tempo: 'Tempo',
  beats: 'Beats',
  bars: 'Bars',
  sections: 'Sections',
  waveform: 'Waveform',
  done: 'Done',
} as const;

/**
 * While the show's song is being analysed: how far it has got. The beat grid arrives as a checkpoint when it
 * is done, so until then beat snapping and beat effects wait.
 */
export function AnalysisPill() {
  const progress = analysisProgress.value;
  const song = show.value?.audio?.contentHash;
  if (!progress || progress.stage === 'done' || progress.contentHash !== song) return null;
  return (
    <span
      class="pill pill-analysis"
      data-testid="analysis-progress"
      title="analysing the song: the beat grid comes when it is done"
    >
      {STAGE_LABELS[progress.stage]} {Math.round(progress.fraction * 100)} %
    </span>
  );
}
