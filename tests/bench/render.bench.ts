import { renderPropFrame } from '../../src/show/index.js';
import { bigShow } from '../support/big-show.js';
import { round, type Benchmark } from './benchmark.js';

const PROPS = 64;
const PIXELS = 4;
const SEGMENTS = 10_000;
const RATE = 100;

const benchmark: Benchmark = {
  name: 'render',
  description: `render ${PROPS} props × ${PIXELS} pixels with ${SEGMENTS} segments each, frame by frame`,
  async run() {
    const show = bigShow(PROPS, PIXELS, SEGMENTS);
    const buffers = show.props.map((prop) => new Uint8Array(prop.pixelCount * 3));
    const totalFrames = Math.floor(show.duration * RATE) - 1;
    const renderFrames = (count: number, offset: number): void => {
      for (let index = 0; index < count; index++) {
        // Stride through the whole show so every lookup is a fresh binary search, not a cache hit.
        const frame = (offset + index * 7919) % totalFrames;
        for (let prop = 0; prop < show.props.length; prop++) {
          renderPropFrame(show.props[prop]!, show.beatGrid, frame, RATE, buffers[prop]!);
        }
      }
    };
    renderFrames(2000, 0);
    const rounds: number[] = [];
    const framesPerRound = 5000;
    for (let attempt = 0; attempt < 7; attempt++) {
      const started = process.hrtime.bigint();
      renderFrames(framesPerRound, attempt * 13);
      rounds.push(Number(process.hrtime.bigint() - started) / 1e9);
    }
    rounds.sort((a, b) => a - b);
    const median = rounds[Math.floor(rounds.length / 2)]!;
    const framesPerSecond = framesPerRound / median;
    return {
      props: PROPS,
      pixels: PIXELS,
      segmentsPerProp: SEGMENTS,
      framesPerSecond: Math.round(framesPerSecond),
      realTimeFactorAt100Hz: round(framesPerSecond / RATE, 1),
      nsPerPixel: round((median / (framesPerRound * PROPS * PIXELS)) * 1e9, 1),
      goal: '≥ 100× real time at 100 Hz on one core',
    };
  },
};

export default benchmark;
