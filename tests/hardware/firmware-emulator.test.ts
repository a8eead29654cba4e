// The real firmware .hex in simavr behind a socat pty pair, driven over serialport 13: handshake, clock
// sync, frames latched at their show time (checked on the emulated data pin, decoded from its edges),
// blackout, refusals, and autonomous program playback.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc16, diffU32, encodePacket, encodeProgramImage } from '../../src/firmware-protocol/index.js';
import type { FirmwareEmulator } from '../support/firmware-emulator.js';
import {
  buildFirmware,
  HANG_ECHO,
  hangTestHexPath,
  readEdgeLog,
  startFirmwareEmulator,
} from '../support/firmware-emulator.js';
import { cycleToTicks, cyclesToMs, parseEdgeLog } from '../support/ws2812-edges.js';
import { hostMs, PropSession } from './prop-session.js';

const PIXELS = 16;
/** Generous bound on |pin latch − showAt|: the firmware aims at 0 and the benchmark reports the real figure. */
const LATCH_TOLERANCE_TICKS = 75; // 300 us: UART bytes arriving mid-frame stretch the bit stream

/** Colours unique per frame and pixel, so each burst on the pin names its frame. */
function framePixels(frame: number): Uint8Array {
  const pixels = new Uint8Array(PIXELS * 3);
  for (let pixel = 0; pixel < PIXELS; pixel += 1) {
    pixels.set([(frame * 16 + pixel) & 0xff, 255 - frame, (pixel * 15) & 0xff], pixel * 3);
  }
  return pixels;
}

/** R,G,B pixels as the firmware puts them on the wire in GRB order. */
function asGrb(rgb: Uint8Array): string {
  const out = new Uint8Array(rgb.length);
  for (let index = 0; index < rgb.length; index += 3)
    out.set([rgb[index + 1]!, rgb[index]!, rgb[index + 2]!], index);
  return Buffer.from(out).toString('hex');
}

function lastStatusOf(session: PropSession) {
  const last = session.received.filter((packet) => packet.message.type === 'status').at(-1)?.message;
  if (last?.type !== 'status') throw new Error('no STATUS received yet');
  return last;
}

function errorCount(session: PropSession): number {
  return session.received.filter((packet) => packet.message.type === 'error').length;
}

describe('prop firmware in the emulator', () => {
  let emulator: FirmwareEmulator;
  let session: PropSession;

  beforeAll(async () => {
    emulator = await startFirmwareEmulator();
    session = await PropSession.open(emulator.ptyPath);
  });

  afterAll(async () => {
    await session?.close();
    await emulator?.stop();
  });

  it('answers HELLO with its capabilities, echoing the nonce', async () => {
    session.send({ type: 'hello', nonce: 0xabcdef01 });
    const caps = await session.waitFor('caps', (message) => message.nonce === 0xabcdef01);
    expect(caps.message).toMatchObject({ pixelCount: PIXELS, clockHz: 250_000, bufferDepth: 4, outputs: 3 });
  });

  it('latches frames at their show time with the colours sent, and reports the actual latch', async () => {
    const clock = await session.syncClock(250_000);
    expect(clock.estimate()!.minRttMs).toBeLessThan(20);
    const frames: Array<{ seq: number; showAt: number; pixels: Uint8Array }> = [];
    const start = hostMs() + 150;
    for (let index = 0; index < 12; index += 1) {
      // Irregular spacing (25 or 55 ms) so a firmware latching on arrival or on a fixed beat cannot pass.
      // Each frame leaves 140 ms ahead of its time, so a busy test machine does not make it late; no
      // 140 ms window holds more than the 4 frames the prop queues.
      const hostTime = start + index * 45 + (index % 3) * 10;
      const wait = hostTime - 140 - hostMs();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const showAt = clock.hostToDeviceTicks(hostTime)!;
      const pixels = framePixels(index);
      const seq = session.send({ type: 'frame', showAt, pixels });
      frames.push({ seq, showAt, pixels });
    }
    const last = frames[frames.length - 1]!;
    const status = await session.waitFor('status', (message) => message.latchedSeq === last.seq, 3000);
    expect(status.message.lateCount).toBe(0);
    expect(status.message.droppedCount).toBe(0);

    await new Promise((resolve) => setTimeout(resolve, 100)); // the harness writes its log every 10 ms
    const { bursts, pwm } = parseEdgeLog(readEdgeLog(emulator.edgesPath));
    for (const frame of frames) {
      const burst = bursts.find(
        (candidate) => Buffer.from(candidate.bytes).toString('hex') === asGrb(frame.pixels),
      );
      if (burst === undefined) throw new Error(`frame ${frame.seq} never appeared on the data pin`);
      expect(burst.malformed).toBe(false);
      const latchTicks = cycleToTicks(burst.lastFallCycle);
      expect(Math.abs(diffU32(latchTicks, frame.showAt))).toBeLessThanOrEqual(LATCH_TOLERANCE_TICKS);
      const report = session.received.find(
        (packet) => packet.message.type === 'status' && packet.message.latchedSeq === frame.seq,
      );
      expect(report?.message).toMatchObject({ intendedTicks: frame.showAt });
      if (report?.message.type === 'status') {
        expect(Math.abs(diffU32(report.message.actualTicks, latchTicks))).toBeLessThanOrEqual(2);
      }
      // The PWM outputs take pixel 0's colour at the same moment.
      const red = pwm
        .filter((write) => write.channel === 'r' && write.cycle <= burst.lastFallCycle + 2000)
        .pop();
      if (frame.pixels[0]! > 0) expect(red?.value).toBe(frame.pixels[0]);
    }
  });

  it('blacks out at once, and refuses bad packets with a reason while counting them', async () => {
    const before = session.received.length;
    session.send({ type: 'blackout' });
    const dark = await session.waitFor('status', (message) => message.mode === 'blackout');
    expect(session.received.indexOf(dark)).toBeGreaterThanOrEqual(before);

    const corrupted = encodePacket({ seq: 500, prop: 0, message: { type: 'ping', echo: 0x11223344 } });
    const inEcho = corrupted.indexOf(0x33);
    corrupted[inEcho] = corrupted[inEcho]! ^ 0x01;
    session.sendRaw(corrupted);
    const tooWide = session.send({ type: 'frame', showAt: 0, pixels: new Uint8Array((PIXELS + 1) * 3) });
    const refusal = await session.waitFor('error', (message) => message.refSeq === tooWide);
    expect(refusal.message.code).toBe('badLength');
    session.send({ type: 'blackout' });
    const counted = await session.waitFor(
      'status',
      (message) => message.crcErrorCount >= 1 && message.malformedCount >= 1,
    );
    expect(counted.message.mode).toBe('blackout');

    await new Promise((resolve) => setTimeout(resolve, 100));
    const { bursts } = parseEdgeLog(readEdgeLog(emulator.edgesPath));
    expect(bursts.at(-1)?.bytes).toEqual(new Uint8Array(PIXELS * 3));
  });

  it('applies brightness, gamma and colour order from CONFIG to the bytes on the pin', async () => {
    const clock = await session.syncClock(250_000, 5);
    const configure = async (brightness: number, colorOrder: 'rgb' | 'grb' | 'bgr', gammaTenths: number) => {
      const seq = session.send({ type: 'config', brightness, colorOrder, gammaTenths });
      await session.waitFor('ack', (ack) => ack.ackedSeq === seq);
    };
    const shown = async (rgb: [number, number, number]) => {
      const seq = session.send({
        type: 'frame',
        showAt: clock.hostToDeviceTicks(hostMs() + 30)!,
        pixels: Uint8Array.from(rgb),
      });
      await session.waitFor('status', (message) => message.latchedSeq === seq);
      await new Promise((resolve) => setTimeout(resolve, 60));
      return [...parseEdgeLog(readEdgeLog(emulator.edgesPath)).bursts.at(-1)!.bytes.subarray(0, 6)];
    };
    await configure(128, 'bgr', 10);
    expect(await shown([200, 100, 50])).toEqual([25, 50, 100, 0, 0, 0]); // ×128/255, B G R, the rest black
    await configure(255, 'rgb', 22);
    const [r, g, b] = await shown([200, 100, 50]);
    const gamma = (value: number) => Math.round(255 * (value / 255) ** 2.2);
    for (const [actual, input] of [
      [r, 200],
      [g, 100],
      [b, 50],
    ] as const) {
      expect(Math.abs(actual! - gamma(input))).toBeLessThanOrEqual(1); // AVR single-precision powf
    }
    await configure(255, 'grb', 10);
  });

  it('refuses a frame beyond its queue, drops the queue on a seek, and shows a late frame at once', async () => {
    const clock = await session.syncClock(250_000, 5);
    session.send({ type: 'blackout' });
    await session.waitFor('status', (message) => message.mode === 'blackout' && message.queued === 0);
    const before = lastStatusOf(session);
    const far = hostMs() + 500;
    const queued = [0, 1, 2, 3, 4].map((index) =>
      session.send({
        type: 'frame',
        showAt: clock.hostToDeviceTicks(far + index * 10)!,
        pixels: framePixels(40 + index),
      }),
    );
    const full = await session.waitFor('error', (message) => message.refSeq === queued[4]);
    expect(full.message.code).toBe('queueFull');

    const seek = session.send({
      type: 'frame',
      showAt: clock.hostToDeviceTicks(hostMs() + 40)!,
      pixels: framePixels(50),
    });
    const afterSeek = await session.waitFor('status', (message) => message.latchedSeq === seek);
    expect(afterSeek.message.queued).toBe(0);
    expect(afterSeek.message.droppedCount - before.droppedCount).toBe(5); // 1 refused + 4 flushed
    expect(afterSeek.message.mode).toBe('live');

    const sentAt = hostMs();
    const late = session.send({
      type: 'frame',
      showAt: clock.hostToDeviceTicks(sentAt - 20)!,
      pixels: framePixels(51),
    });
    const lateStatus = await session.waitFor('status', (message) => message.latchedSeq === late);
    expect(lateStatus.message.lateCount - before.lateCount).toBe(1);
    expect(diffU32(lateStatus.message.actualTicks, lateStatus.message.intendedTicks)).toBeGreaterThan(
      20 * 250 - 1,
    );

    await new Promise((resolve) => setTimeout(resolve, 100));
    const shown = parseEdgeLog(readEdgeLog(emulator.edgesPath)).bursts.map((burst) =>
      Buffer.from(burst.bytes).toString('hex'),
    );
    for (const index of [0, 1, 2, 3, 4]) expect(shown).not.toContain(asGrb(framePixels(40 + index)));
    expect(shown).toContain(asGrb(framePixels(50)));
    expect(shown).toContain(asGrb(framePixels(51)));
  });

  it('ignores frames for other props on a shared link, and takes broadcast ones', async () => {
    const clock = await session.syncClock(250_000, 5);
    const base = lastStatusOf(session);
    const errorsBefore = errorCount(session);
    const start = hostMs() + 60;
    let own = -1;
    let broadcast = -1;
    for (let tick = 0; tick < 6; tick += 1) {
      const showAt = clock.hostToDeviceTicks(start + tick * 20)!;
      for (let prop = 1; prop <= 15; prop += 1) {
        session.send({ type: 'frame', showAt, pixels: new Uint8Array(12).fill(prop) }, prop);
      }
      if (tick === 4) broadcast = session.send({ type: 'frame', showAt, pixels: framePixels(70) }, 0xff);
      else own = session.send({ type: 'frame', showAt, pixels: framePixels(60 + tick) });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const done = await session.waitFor('status', (message) => message.latchedSeq === own);
    expect(
      session.received.some((p) => p.message.type === 'status' && p.message.latchedSeq === broadcast),
    ).toBe(true);
    expect(done.message.crcErrorCount).toBe(base.crcErrorCount);
    expect(done.message.malformedCount).toBe(base.malformedCount);
    expect(errorCount(session)).toBe(errorsBefore);
    await new Promise((resolve) => setTimeout(resolve, 60));
    const shown = parseEdgeLog(readEdgeLog(emulator.edgesPath)).bursts.map((burst) =>
      Buffer.from(burst.bytes).toString('hex'),
    );
    for (const tick of [0, 1, 2, 3, 5]) expect(shown).toContain(asGrb(framePixels(60 + tick)));
    expect(shown).toContain(asGrb(framePixels(70)));
    for (let prop = 1; prop <= 15; prop += 1) {
      const asShown = new Uint8Array(PIXELS * 3);
      asShown.fill(prop, 0, 12); // 4 pixels of the other prop, the rest black, if it had been taken
      expect(shown).not.toContain(asGrb(asShown));
    }
  });

  it('plays an uploaded program on its own once frames stop, latching at step boundaries', async () => {
    const image = encodeProgramImage({
      loop: true,
      steps: [
        { durationMs: 40, rgb: [200, 0, 0] },
        { durationMs: 30, rgb: [0, 0, 150] },
      ],
    });
    const send = async (message: Parameters<PropSession['send']>[0]) => {
      const seq = session.send(message);
      await session.waitFor('ack', (ack) => ack.ackedSeq === seq);
    };
    await send({ type: 'program', op: 'begin', totalBytes: image.length, imageCrc: crc16(image) });
    await send({ type: 'program', op: 'chunk', offset: 0, data: image.subarray(0, 7) });
    await send({ type: 'program', op: 'chunk', offset: 0, data: image.subarray(0, 7) }); // a retry: taken again
    const gap = session.send({ type: 'program', op: 'chunk', offset: 8, data: image.subarray(8) });
    expect((await session.waitFor('error', (error) => error.refSeq === gap)).message.code).toBe(
      'programInvalid',
    );
    await send({ type: 'program', op: 'chunk', offset: 7, data: image.subarray(7) });
    await send({ type: 'program', op: 'commit' });
    const clock = await session.syncClock(250_000, 5);
    const showStart = clock.hostToDeviceTicks(hostMs())!;
    // One live frame, then silence: after 50 ms holdover the program takes over.
    session.send({
      type: 'frame',
      showAt: clock.hostToDeviceTicks(hostMs() + 30)!,
      pixels: framePixels(1),
    });
    await send({ type: 'program', op: 'arm', showStartTicks: showStart, holdoverMs: 50 });
    await session.waitFor('status', (message) => message.mode === 'program', 2000);
    await new Promise((resolve) => setTimeout(resolve, 400));

    const { bursts } = parseEdgeLog(readEdgeLog(emulator.edgesPath));
    const solid = (rgb: number[]) => asGrb(Uint8Array.from(Array.from({ length: PIXELS }, () => rgb).flat()));
    const red = solid([200, 0, 0]);
    const blue = solid([0, 0, 150]);
    const program = bursts.filter((burst) => {
      const hex = Buffer.from(burst.bytes).toString('hex');
      return hex === red || hex === blue;
    });
    expect(program.length).toBeGreaterThanOrEqual(6);
    // The take-over follows the holdover closely (a timer wake-up, not the next 262 ms clock overflow):
    // the live frame latched 30 ms after it arrived, the program starts 50 ms (+ 2 ms lead) after that.
    const live = bursts
      .filter((burst) => Buffer.from(burst.bytes).toString('hex') === asGrb(framePixels(1)))
      .at(-1)!;
    const takeover = program.find((burst) => burst.firstRiseCycle > live.lastFallCycle)!;
    expect(cyclesToMs(takeover.lastFallCycle - live.lastFallCycle)).toBeLessThan(100);
    // Every step after the first starts on a boundary of the 70 ms cycle: 40 ms (blue) or 0 ms (red).
    for (const burst of program.slice(1)) {
      const elapsedMs = diffU32(cycleToTicks(burst.lastFallCycle), showStart) / 250;
      const phase = ((elapsedMs % 70) + 70) % 70;
      const expected = Buffer.from(burst.bytes).toString('hex') === blue ? 40 : 0;
      const distance = Math.min(Math.abs(phase - expected), 70 - Math.abs(phase - expected));
      expect(distance).toBeLessThan(0.2);
    }
    session.send({ type: 'program', op: 'disarm' });
  });
});

describe('emulator helper', () => {
  it('unplugs (the app-side tty vanishes) and replugs on the same path with a freshly started prop', async () => {
    const first = await startFirmwareEmulator();
    const path = first.ptyPath;
    let session = await PropSession.open(path);
    session.send({ type: 'hello', nonce: 1 });
    await session.waitFor('caps', (message) => message.nonce === 1);
    await first.stop();
    await session.close();
    expect(existsSync(path)).toBe(false);

    const second = await startFirmwareEmulator({ appPath: path });
    try {
      session = await PropSession.open(path);
      session.send({ type: 'hello', nonce: 2 });
      await session.waitFor('caps', (message) => message.nonce === 2);
      session.send({ type: 'ping', echo: 9 });
      const pong = await session.waitFor('pong', (message) => message.echo === 9);
      expect(pong.message.deviceRxTicks).toBeLessThan(250_000 * 5); // its clock began again
      await session.close();
    } finally {
      await second.stop();
    }
  });

  it("also runs without socat, the app opening the harness's own pty", async () => {
    const direct = await startFirmwareEmulator({ via: 'direct' });
    try {
      const session = await PropSession.open(direct.ptyPath);
      session.send({ type: 'hello', nonce: 3 });
      await session.waitFor('caps', (message) => message.nonce === 3);
      await session.close();
    } finally {
      await direct.stop();
    }
  });

  it('a hung prop is restarted by its watchdog within about a second and answers HELLO again', async () => {
    await buildFirmware(['test-firmware']);
    const hung = await startFirmwareEmulator({ hexPath: hangTestHexPath });
    try {
      const session = await PropSession.open(hung.ptyPath);
      session.send({ type: 'ping', echo: HANG_ECHO });
      await new Promise((resolve) => setTimeout(resolve, 200));
      session.send({ type: 'hello', nonce: 4 });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(session.received).toEqual([]); // hung: nothing answers
      const started = hostMs();
      let caps = null;
      while (caps === null && hostMs() - started < 3000) {
        session.send({ type: 'hello', nonce: 5 });
        caps = await session.waitFor('caps', (message) => message.nonce === 5, 200).catch(() => null);
      }
      expect(caps?.message.pixelCount).toBe(PIXELS);
      await session.close();
    } finally {
      await hung.stop();
    }
  });
});
