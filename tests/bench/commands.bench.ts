import { apply, type Show } from '../../src/show/index.js';
import { bigShow } from '../support/big-show.js';
import { realisticEdit } from '../support/realistic-edits.js';
import { percentile, round, type Benchmark } from './benchmark.js';

const benchmark: Benchmark = {
  name: 'commands',
  description: 'apply latency of typical edits on a show of 50,000 segments',
  async run() {
    let show: Show = bigShow(10, 4, 5_000, 0.2);
    const segmentsBefore = show.props.reduce((sum, prop) => sum + prop.segments.length, 0);
    const samples: number[] = [];
    const perType: Record<string, number[]> = {};
    const commandFor = (index: number) => realisticEdit(index, 10, 990);
    for (let index = 0; index < 3000; index++) {
      const command = commandFor(index);
      const started = process.hrtime.bigint();
      const result = apply(show, command);
      const micros = Number(process.hrtime.bigint() - started) / 1000;
      if (!result.ok) throw new Error(`${result.error.path}: ${result.error.message}`);
      show = result.show;
      if (index >= 200) {
        samples.push(micros);
        (perType[String(command.type)] ??= []).push(micros);
      }
    }
    const segments = show.props.reduce((sum, prop) => sum + prop.segments.length, 0);
    return {
      segmentsBefore,
      segmentsAfter: segments,
      p50Micros: round(percentile(samples, 50), 1),
      p99Micros: round(percentile(samples, 99), 1),
      p50MicrosByType: Object.fromEntries(
        Object.entries(perType).map(([type, values]) => [type, round(percentile(values, 50), 1)]),
      ),
      p99MicrosByType: Object.fromEntries(
        Object.entries(perType).map(([type, values]) => [type, round(percentile(values, 99), 1)]),
      ),
      goal: 'p99 ≤ 1000 µs',
    };
  },
};

export default benchmark;
