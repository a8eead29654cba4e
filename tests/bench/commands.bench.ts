import { apply, type Show } from '../../src/show/index.js';
import { bigShow } from '../support/big-show.js';
import { percentile, round, type Benchmark } from './benchmark.js';

const benchmark: Benchmark = {
  name: 'commands',
  description: 'apply latency of typical edits on a show of 50,000 segments',
  async run() {
    let show: Show = bigShow(10, 4, 5_000, 0.2);
    const segmentsBefore = show.props.reduce((sum, prop) => sum + prop.segments.length, 0);
    const samples: number[] = [];
    const perType: Record<string, number[]> = {};
    const commandFor = (index: number): Record<string, unknown> => {
      const propId = `ball${(index % 10) + 1}`;
      const start = ((index * 7919) % 9900) / 10;
      switch (index % 5) {
        case 0:
          return {
            type: 'addSegment',
            propId,
            start,
            end: start + 0.5,
            look: { kind: 'solid', color: [index % 256, 0, 0] },
          };
        case 1:
          return {
            type: 'addEffect',
            propIds: [propId, 'ball1'],
            start,
            end: start + 2,
            effect: { kind: 'strobe', color: [255, 255, 255], rateHz: 10 },
          };
        case 2:
          return { type: 'clearRange', propIds: [propId], start, end: start + 1 };
        case 3:
          return {
            type: 'pattern',
            propIds: [propId],
            start,
            end: start + 4,
            every: 'beat',
            duration: 0.1,
            look: { kind: 'solid', color: [0, 0, 255] },
          };
        default:
          return {
            type: 'batch',
            commands: [
              {
                type: 'addSegment',
                propId,
                start,
                end: start + 0.25,
                look: { kind: 'fade', from: [0, 0, 0], to: [255, 0, 0] },
              },
              { type: 'setDefaultColor', propId, color: [1, 1, 1] },
            ],
          };
      }
    };
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
