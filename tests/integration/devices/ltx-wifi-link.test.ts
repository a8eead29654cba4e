import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LtxDiscovery } from '../../../src/devices/ltx/ltx-discovery.js';
import { LtxWifiLink } from '../../../src/devices/ltx/ltx-wifi-link.js';
import { monotonicShowClock } from '../../../src/devices/show-clock.js';
import { decodePrg, exportPropPrg } from '../../../src/show/formats/index.js';
import { LtxBallSimulator } from '../../support/ltx-ball-simulator.js';
import { emptyShow } from '../../support/show-fixtures.js';

// Loopback addresses of this file's own, so it runs beside other tests that use the LTX ports.
const HOST = '127.0.0.20';
const BALL_A = '127.0.0.21';
const BALL_B = '127.0.0.22';
const NOBODY = '127.0.0.23';

describe('LTX Wi-Fi link against simulated balls on loopback', () => {
  let ballA: LtxBallSimulator;
  let ballB: LtxBallSimulator;
  let link: LtxWifiLink | null = null;

  beforeEach(async () => {
    ballA = new LtxBallSimulator({ address: BALL_A });
    ballB = new LtxBallSimulator({ address: BALL_B });
    await ballA.start();
    await ballB.start();
  });

  afterEach(async () => {
    await link?.close();
    link = null;
    await ballA.stop();
    await ballB.stop();
  });

  it('streams live colour at the frame rate, the exact spec bytes, each ball its own colours in order', async () => {
    const clock = monotonicShowClock(0);
    link = new LtxWifiLink({
      id: 'ltx',
      clock,
      localAddress: HOST,
      balls: [
        { propId: 'a', pixelCount: 1, address: BALL_A },
        { propId: 'b', pixelCount: 2, address: BALL_B },
      ],
    });
    await link.connect();
    const start = clock.now() + 0.05;
    const frames = 20;
    for (let index = 0; index < frames; index += 1) {
      const showAt = start + index / 100;
      link.send({ propId: 'a', showAt, pixels: Uint8Array.of(index, 255 - index, 7) });
      link.send({ propId: 'b', showAt, pixels: Uint8Array.of(1, 2, index, 9, 9, 9) });
    }
    // Every frame is accounted for: sent, or (when a loaded machine stalls the timer) superseded or late.
    const settled = (): boolean => {
      const state = link?.state();
      return state !== undefined && state.framesSent + state.framesDropped + state.framesLate === 2 * frames;
    };
    for (let waited = 0; !settled() && waited < 5000; waited += 10)
      await new Promise((r) => setTimeout(r, 10));
    await ballA.waitForDatagrams(Math.floor(frames / 2));
    await ballB.waitForDatagrams(Math.floor(frames / 2));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ballA.datagrams.length + ballB.datagrams.length).toBe(link.state().framesSent);
    // Exactly the spec bytes, each ball its own colours, frame indices strictly increasing.
    const indicesA = ballA.datagrams.map((datagram) => {
      const index = datagram.bytes[9] as number;
      expect([...datagram.bytes]).toEqual([0x42, 0, 0, 0, 0, 0, 0, 0, 0x0a, index, 255 - index, 7]);
      return index;
    });
    const indicesB = ballB.datagrams.map((datagram) => {
      const index = datagram.bytes[11] as number;
      expect([...datagram.bytes]).toEqual([0x42, 0, 0, 0, 0, 0, 0, 0, 0x0a, 1, 2, index]);
      return index;
    });
    for (const indices of [indicesA, indicesB]) {
      for (let index = 1; index < indices.length; index += 1) {
        expect(indices[index]).toBeGreaterThan(indices[index - 1] as number);
      }
      expect(indices.at(-1)).toBe(frames - 1);
    }
    // Paced at the show frame rate, not dumped at once: 20 frames at 100 fps span about 190 ms.
    const spanMs = (ballA.datagrams.at(-1)?.atMs ?? 0) - (ballA.datagrams[0]?.atMs ?? 0);
    expect(spanMs).toBeGreaterThan(120);
    expect(link.status()).toBe('connected');
  });

  it('uploads a program over TCP with exactly the spec header before the .prg bytes', async () => {
    link = new LtxWifiLink({
      id: 'ltx',
      clock: monotonicShowClock(0),
      localAddress: HOST,
      balls: [{ propId: 'a', pixelCount: 1, address: BALL_A }],
      nonce: () => Uint8Array.of(0xde, 0xad, 0xbe, 0xef),
    });
    await link.connect();
    const prg = new Uint8Array(300).map((_, index) => (index * 7) & 0xff);
    await link.uploadProgram('a', prg, 'juggle.prg');
    await ballA.waitForUploads(1);
    const expected = [
      0,
      0,
      0,
      0,
      0x2c,
      0x01,
      0,
      0,
      0xde,
      0xad,
      0xbe,
      0xef,
      0x20,
      0,
      0,
      0,
      ...Buffer.from('juggle.prg', 'ascii'),
      0,
      ...prg,
    ];
    expect([...(ballA.uploads[0] ?? [])]).toEqual(expected);
  });

  it('uploads the .prg the show exporter writes, byte for byte after the header', async () => {
    link = new LtxWifiLink({
      id: 'ltx',
      clock: monotonicShowClock(0),
      localAddress: HOST,
      balls: [{ propId: 'ball1', pixelCount: 1, address: BALL_A }],
      nonce: () => Uint8Array.of(1, 2, 3, 4),
    });
    await link.connect();
    const prg = exportPropPrg(emptyShow({ props: 1, pixelCount: 1, duration: 3 }), 'ball1');
    await link.uploadProgram('ball1', prg, 'ball1.prg');
    await ballA.waitForUploads(1);
    const received = ballA.uploads[0] ?? new Uint8Array(0);
    const header = 16 + 'ball1.prg'.length + 1;
    expect(new DataView(received.buffer).getUint32(4, true)).toBe(prg.length);
    expect([...received.subarray(header)]).toEqual([...prg]);
    expect(decodePrg(received.subarray(header))).toEqual(decodePrg(prg));
  });

  it('a ball that is not there fails its upload with a clear error while the others keep playing', async () => {
    const clock = monotonicShowClock(0);
    link = new LtxWifiLink({
      id: 'ltx',
      clock,
      localAddress: HOST,
      uploadTimeoutMs: 2000,
      balls: [
        { propId: 'a', pixelCount: 1, address: BALL_A },
        { propId: 'ghost', pixelCount: 1, address: NOBODY },
      ],
    });
    await link.connect();
    await expect(link.uploadProgram('ghost', Uint8Array.of(1, 2, 3), 'x.prg')).rejects.toThrow(
      /upload to ghost at 127\.0\.0\.23:8888 failed/,
    );
    await expect(link.uploadProgram('a', Uint8Array.of(1), 'bad\u0001name')).rejects.toThrow(
      /printable ASCII/,
    );
    const showAt = clock.now() + 0.03;
    link.send({ propId: 'ghost', showAt, pixels: Uint8Array.of(5, 5, 5) });
    link.send({ propId: 'a', showAt, pixels: Uint8Array.of(4, 5, 6) });
    await ballA.waitForDatagrams(1);
    expect([...(ballA.datagrams[0]?.bytes ?? [])].slice(9)).toEqual([4, 5, 6]);
    expect(ballA.uploads).toHaveLength(0);
    expect(link.status()).toBe('connected');
  });

  it('blackout sends black to every ball at once', async () => {
    link = new LtxWifiLink({
      id: 'ltx',
      clock: monotonicShowClock(0),
      localAddress: HOST,
      balls: [
        { propId: 'a', pixelCount: 1, address: BALL_A },
        { propId: 'b', pixelCount: 1, address: BALL_B },
      ],
    });
    await link.connect();
    link.send({ propId: 'a', showAt: 10, pixels: Uint8Array.of(255, 255, 255) });
    await link.blackout();
    await ballA.waitForDatagrams(1);
    await ballB.waitForDatagrams(1);
    for (const ball of [ballA, ballB]) {
      expect([...(ball.datagrams[0]?.bytes ?? [])]).toEqual([0x42, 0, 0, 0, 0, 0, 0, 0, 0x0a, 0, 0, 0]);
    }
    expect(link.state().framesDropped).toBe(1);
  });

  it('discovers balls from their status broadcasts', async () => {
    const discovery = new LtxDiscovery({ address: HOST });
    await discovery.start();
    try {
      const found = new Promise<string>((resolve) => discovery.once('ball', (ball) => resolve(ball.address)));
      ballA.broadcastStatus({ address: HOST, port: 41412 }, Uint8Array.of(0x42, 1, 2, 3), 20);
      expect(await found).toBe(BALL_A);
      ballB.broadcastStatus({ address: HOST, port: 41412 }, Uint8Array.of(0x42, 9), 20);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const balls = discovery.balls(1000).map((ball) => ball.address);
      expect(balls.sort()).toEqual([BALL_A, BALL_B]);
      expect([...(discovery.balls().find((ball) => ball.address === BALL_B)?.lastPayload ?? [])]).toEqual([
        0x42, 9,
      ]);
    } finally {
      await discovery.stop();
    }
  });
});
