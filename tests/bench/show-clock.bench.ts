// How closely the show clock follows the audio, and how smoothly, over a scripted 60 s null-sink playback
// (seeks, pauses, a loop, rate changes); the raw context time's figures stand beside it for comparison.
import { runShowClockSoak, type Spread } from '../support/show-clock-soak.js';
import { round, type Benchmark } from './benchmark.js';

function ms(spread: Spread): Record<string, number> {
  return { p50: round(spread.p50, 4), p99: round(spread.p99, 4), max: round(spread.max, 4) };
}

const benchmark: Benchmark = {
  name: 'show-clock',
  description:
    'show clock vs audio position error (ms) and jitter between successive reads, 60 s null-sink run',
  async run() {
    const seconds = Number(process.env.SHOW_CLOCK_BENCH_SECONDS ?? 60);
    const result = await runShowClockSoak(seconds);
    return {
      seconds,
      reads: result.reads,
      error_vs_audio_schedule_ms: ms(result.errorMs),
      mean_error_vs_audio_schedule_ms: round(result.meanErrorMs, 4),
      error_vs_audio_schedule_incl_starved_ms: ms(result.errorAllMs),
      render_thread_starvations: result.starvations,
      starved_fraction: round(result.starvedFraction, 4),
      error_vs_raw_context_ms: ms(result.rawErrorMs),
      mean_error_vs_raw_context_ms: round(result.meanRawErrorMs, 4),
      jitter_ms: ms(result.jitterMs),
      raw_context_jitter_ms: ms(result.rawJitterMs),
      worst_outside_starvation: result.worst,
      load_average_1min: round((await import('node:os')).loadavg()[0] ?? 0, 2),
    };
  },
};

export default benchmark;
