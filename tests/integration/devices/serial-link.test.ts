import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cobsEncode, crc16, diffU32, encodePacket } from '../../../src/firmware-protocol/index.js';
import { fixedPort } from '../../../src/devices/port-locator.js';
import type { LinkStatus } from '../../../src/devices/prop-link.js';
import { byIdPort, listById } from '../../../src/devices/serial/serial-discovery.js';
import { SerialLink, type LatchReport } from '../../../src/devices/serial/serial-link.js';
import { monotonicShowClock, type ShowClock } from '../../../src/devices/show-clock.js';
import { JsPropPeer } from '../../support/js-prop-peer.js';
import { PtyPair } from '../../support/pty-pair.js';
import { until } from '../../support/wait.js';

function sendFrames(
  link: SerialLink,
  clock: ShowClock,
  count: number,
  fps = 100,
  from = clock.now() + 0.05,
): number {
  for (let index = 0; index < count; index += 1) {
    link.send({ propId: 'ball', showAt: from + index / fps, pixels: Uint8Array.of(index, 2, 3, 4, 5, 6) });
  }
  return from;
}

describe('serial link on a pty to a JS prop speaking the protocol', () => {
  let pty: PtyPair;
  let peer: JsPropPeer;
  let link: SerialLink | null = null;
  let clock: ShowClock;

  beforeEach(async () => {
    clock = monotonicShowClock(0);
    pty = new PtyPair('serial');
    await pty.start();
    peer = new JsPropPeer({ path: pty.devicePath, address: 3, driftPpm: 80 });
    await peer.start();
  });

  afterEach(async () => {
    await link?.close();
    link = null;
    await peer.stop();
    await pty.dispose();
  });

  function makeLink(extra: Partial<ConstructorParameters<typeof SerialLink>[0]> = {}): SerialLink {
    return new SerialLink({
      id: 'dongle',
      port: fixedPort(pty.hostPath),
      clock,
      props: [{ propId: 'ball', pixelCount: 2 }],
      retryDelayMs: 100,
      ...extra,
    });
  }

  it('handshakes, syncs the clock and has each frame latched at its show time on the prop clock', async () => {
    link = makeLink();
    await link.connect();
    expect(peer.received.map((packet) => packet.message.type).slice(0, 2)).toEqual(['hello', 'config']);
    const reports: LatchReport[] = [];
    link.onLatch((report) => reports.push(report));
    const from = sendFrames(link, clock, 20, 100, clock.now() + 0.1);
    // Frames too late for the wire (a loaded machine can stall the host) are skipped by design.
    await until(() => clock.now() > from + 0.5, 'the frames to play out', 10_000);
    // Every frame sent is latched and reported, but those the prop refused (its queue full when a loaded
    // machine delays its timers).
    const accepted = (): number => (link?.state().framesSent ?? 0) - (link?.deviceCounters().refused ?? 0);
    await until(() => reports.length === accepted(), 'a latch report for every frame the prop accepted');
    expect(reports.length).toBeGreaterThanOrEqual(5);
    const latched = peer.latches.map((latch) => latch.pixels[0] as number);
    expect(latched).toEqual(reports.map((report) => Math.round((report.showAt - from) * 100)));
    expect(latched).toEqual([...latched].sort((a, b) => a - b));
    // The prop's address came from CAPS; every frame went to it.
    expect(
      peer.received.filter((packet) => packet.message.type === 'frame').every((packet) => packet.prop === 3),
    ).toBe(true);
    // Frames n and m were stamped (m − n) × 10 ms apart on the prop's clock (250 ticks per ms); the clock
    // mapping is refined by every PONG in between, so allow it to move by up to 1 ms.
    const intended = peer.latches.map((latch) => latch.intendedTicks);
    for (let index = 1; index < intended.length; index += 1) {
      const frames = (latched[index] as number) - (latched[index - 1] as number);
      expect(
        Math.abs(diffU32(intended[index] as number, intended[index - 1] as number) - 2500 * frames),
      ).toBeLessThanOrEqual(250);
    }
    // And each at its show time: the prop clock maps back onto the host's (a JS peer stamps its ticks
    // from a shared event loop, so allow for a loaded machine).
    const peerMsOfFirst = diffU32(intended[0] as number, peer.ticks()) / 250 + performance.now();
    const hostMsOfFirst = performance.now() + (from + (latched[0] as number) / 100 - clock.now()) * 1000;
    expect(Math.abs(peerMsOfFirst - hostMsOfFirst)).toBeLessThan(10);
    expect(link.state()).toMatchObject({ status: 'connected', badInput: 0 });
    expect(link.state().rttMs).toBeGreaterThanOrEqual(0);
    expect(link.state().clockOffsetMs).not.toBeNull();
  });

  it('counts garbage, CRC errors and truncated packets from the prop, and keeps going', async () => {
    link = makeLink();
    await link.connect();
    const good = encodePacket({
      seq: 9,
      prop: 3,
      message: { type: 'ack', ackedSeq: 1, ackedType: 7 },
    });
    const badCrc = good.slice();
    badCrc[3] = (badCrc[3] as number) ^ 0x40;
    const truncated = Uint8Array.of(...good.slice(0, 5), 0);
    const body = Uint8Array.of(1, 0x06, 0, 0, 3, 2, 0, 1, 2);
    const wrongLength = Uint8Array.of(...cobsEncode(Uint8Array.of(...body, ...u16(crc16(body)))), 0);
    peer.inject(Uint8Array.of(0xff, 0x13, 0x37, 0x00));
    peer.inject(badCrc);
    peer.inject(truncated);
    peer.inject(wrongLength);
    peer.inject(new Uint8Array(3000).fill(0x41));
    peer.inject(Uint8Array.of(0));
    await until(() => (link?.state().badInput ?? 0) >= 5, 'five refusals counted');
    expect(link.state().lastError).toMatch(/bad bytes from the prop/);
    const reports: LatchReport[] = [];
    link.onLatch((report) => reports.push(report));
    sendFrames(link, clock, 5);
    await until(() => reports.length === 5, 'frames latched after the garbage');
    expect(link.status()).toBe('connected');
  });

  it('drops frames while unplugged and resumes by itself after the replug, at the current show time', async () => {
    link = makeLink();
    const statuses: LinkStatus[] = [];
    link.on('status', (status) => statuses.push(status));
    await link.connect();
    await peer.stop();
    await pty.stop();
    await until(() => link?.status() === 'disconnected', 'the unplug noticed');
    sendFrames(link, clock, 3, 100, clock.now() + 0.04);
    await until(() => (link?.state().framesDropped ?? 0) >= 3, 'frames dropped while unplugged');

    await pty.start();
    peer = new JsPropPeer({ path: pty.devicePath, address: 3 });
    await peer.start();
    await until(() => link?.status() === 'connected', 'reconnected', 10_000);
    const reports: LatchReport[] = [];
    link.onLatch((report) => reports.push(report));
    sendFrames(link, clock, 5);
    await until(() => reports.length === 5, 'frames latched after the replug');
    expect(peer.received[0]?.message.type).toBe('hello');
    expect(statuses).toEqual(['connecting', 'connected', 'disconnected', 'connecting', 'connected']);
    expect(link.state().reconnects).toBe(1);
  });

  it('a prop that stops answering is dropped by the heartbeat and retried', async () => {
    link = makeLink({ heartbeatTimeoutMs: 300, pingIntervalMs: 50 });
    await link.connect();
    peer.answering = false;
    await until(() => link?.status() !== 'connected', 'the heartbeat to fire');
    expect(link.state().lastError).toMatch(/silent for \d+ ms/);
    peer.answering = true;
    await until(() => link?.status() === 'connected', 'back after answering again', 10_000);
  });

  it('blackout reaches the prop and empties its queue', async () => {
    link = makeLink();
    await link.connect();
    sendFrames(link, clock, 3, 100, clock.now() + 0.5);
    await link.blackout();
    await until(
      () => peer.received.some((packet) => packet.message.type === 'blackout'),
      'blackout at the prop',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(peer.latches).toHaveLength(0);
  });

  it('finds the dongle by its /dev/serial/by-id name', async () => {
    const byId = mkdtempSync(join(tmpdir(), 'smlive-by-id-'));
    try {
      symlinkSync(pty.hostPath, join(byId, 'usb-SMLive_Prop_Dongle_A7F3-if00-port0'));
      symlinkSync('/nonexistent/tty', join(byId, 'usb-SMLive_Prop_Dongle_DEAD-if00-port0'));
      expect(listById(/SMLive_Prop/, byId).map((candidate) => candidate.byId)).toEqual([
        join(byId, 'usb-SMLive_Prop_Dongle_A7F3-if00-port0'),
      ]);
      expect(await byIdPort(/B00B/, byId)()).toBeNull();
      link = makeLink({ port: byIdPort(/A7F3/, byId) });
      await link.connect();
      expect(link.status()).toBe('connected');
    } finally {
      rmSync(byId, { recursive: true, force: true });
    }
  });
});

function u16(value: number): number[] {
  return [value & 0xff, value >> 8];
}
