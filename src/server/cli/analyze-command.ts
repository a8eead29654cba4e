// `smlive analyze <audio file> [--live] [--json]`: whole-song analysis (beats, bars, tempo, onsets,
// sections), or with --live the beats the live tracker announces when it hears the file in stream order.
import { AudioDecodeError } from '../../analysis/audio-decode-error.js';
import { decodeAudioFile, type DecodedAudio } from '../../analysis/audio-decode.js';
import { mixToMono } from '../../analysis/dsp/mono-downmix.js';
import { LiveBeatTracker } from '../../analysis/live/live-beat-tracker.js';
import { analyseInWorker } from '../../analysis/song-analyser.js';
import { CliInputError, type CliCommand } from './cli-command.js';
import { parseCliArgs } from './cli-files.js';

const USAGE = 'smlive analyze <audio file> [--live] [--json]';
const millis = (value: number) => Math.round(value * 1000) / 1000;

async function decode(file: string): Promise<DecodedAudio> {
  try {
    return await decodeAudioFile(file);
  } catch (error) {
    // The decoder's message already names the file and says what is wrong with it.
    if (error instanceof AudioDecodeError) throw new CliInputError(error.message);
    throw error;
  }
}

async function offlineReport(audio: DecodedAudio): Promise<Record<string, unknown>> {
  const analysis = await analyseInWorker(audio);
  return {
    duration: millis(analysis.duration),
    tempo: analysis.tempo,
    beats: analysis.beats.map((beat) => beat.time),
    beatsPerBar: analysis.beatsPerBar,
    downbeats: analysis.downbeats,
    onsets: analysis.onsets,
    sections: analysis.sections.map(({ start, end, label, energy }) => ({ start, end, label, energy })),
  };
}

async function liveReport(audio: DecodedAudio): Promise<Record<string, unknown>> {
  const tracker = new LiveBeatTracker(audio.sampleRate);
  try {
    const result = await tracker.trackRecording(mixToMono(audio.channels));
    return {
      duration: millis(audio.duration),
      tempo: result.bpm === undefined ? null : Math.round(result.bpm * 100) / 100,
      beats: result.events.map((event) => millis(event.time)),
      // What a live consumer saw: when each beat was announced, at what tempo and how sure.
      firedBeats: result.events.map((event) => ({
        time: millis(event.time),
        firedAt: millis(event.firedAt),
        bpm: Math.round(event.bpm * 100) / 100,
        confidence: Math.round(event.confidence * 100) / 100,
      })),
    };
  } finally {
    await tracker.stop();
  }
}

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'analyse a song (beats, bars, tempo, onsets, sections), or run the live beat tracker over it',
  usage: 'analyze <audio file> [--live] [--json]',
  async run(args) {
    const { values, positionals } = parseCliArgs(
      args,
      { json: { type: 'boolean' }, live: { type: 'boolean' } },
      USAGE,
    );
    const [file, ...extra] = positionals;
    if (file === undefined || extra.length > 0) throw new CliInputError(`usage: ${USAGE}`);
    const audio = await decode(file);
    const report = values.live === true ? await liveReport(audio) : await offlineReport(audio);
    if (values.json === true) {
      console.log(JSON.stringify(report));
      return 0;
    }
    const beats = report.beats as number[];
    const sections =
      (report.sections as Array<{ start: number; label: string; energy: number }> | undefined) ?? [];
    console.log(
      `${file}: ${audio.duration.toFixed(2)} s, tempo ${String(report.tempo)} BPM, ${beats.length} beats`,
    );
    if (values.live !== true) {
      console.log(
        `${String(report.beatsPerBar)} beats per bar, downbeats: ${(report.downbeats as number[]).length}, onsets: ${(report.onsets as number[]).length}`,
      );
      for (const section of sections)
        console.log(
          `  ${section.start.toFixed(2).padStart(8)} s  ${section.label}  energy ${section.energy}`,
        );
    }
    return 0;
  },
};
