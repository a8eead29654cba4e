// A show whose song has no beat grid yet gets one from analysis, in the background: the show plays at once
// and its beat effects follow the grid as soon as the analysis (cached by the song's content hash) is in.
// The grid arrives as an ordinary checkpoint by 'system', so it can be undone like any edit.
import type { HashedAudio, SongAnalyser } from '../analysis/song-analyser.js';
import type { ShowSession } from './show-session.js';

export async function fillBeatGridFromAnalysis(
  session: ShowSession,
  audio: HashedAudio,
  analyser: SongAnalyser,
  log: (line: string) => void,
  /** False once the daemon is stopping: a late result is then dropped, not written. */
  stillRunning: () => boolean = () => true,
): Promise<void> {
  if (session.show.beatGrid.beats.length > 0) return;
  let outcome: Awaited<ReturnType<SongAnalyser['analyse']>>;
  try {
    outcome = await analyser.analyse(audio);
  } catch (error) {
    log(
      `smlive: beat analysis failed (${error instanceof Error ? error.message : String(error)}); beat effects wait for a grid`,
    );
    return;
  }
  const { analysis } = outcome;
  // Someone may have typed in a tempo while the analysis ran: theirs wins.
  if (!stillRunning() || session.show.beatGrid.beats.length > 0 || analysis.beats.length === 0) return;
  const beatGrid = {
    beats: analysis.beats.map((beat) => beat.time),
    downbeats: analysis.downbeats,
    ...(analysis.tempo > 0 && analysis.tempo <= 400 ? { bpm: Math.round(analysis.tempo * 10) / 10 } : {}),
  };
  const sections =
    session.show.sections.length > 0
      ? {}
      : { sections: analysis.sections.map((section) => ({ ...section, label: section.label.slice(0, 64) })) };
  const label = `beat grid from analysis: ${beatGrid.beats.length} beats, ${beatGrid.bpm ?? '?'} BPM`;
  const result = await session.command(
    { type: 'setShowInfo', beatGrid, ...sections, label },
    { author: 'system', label, meta: { analysis: outcome.source } },
  );
  if (result.ok) log(`smlive: ${label} (${outcome.source})`);
  else log(`smlive: the analysed beat grid does not fit the show: ${result.message}`);
}
