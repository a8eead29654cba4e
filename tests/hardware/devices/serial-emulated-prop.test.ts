// Nothing stubbed: the device manager drives the real firmware (.hex) in simavr through a socat pty pair,
// and the latch times are read off the emulated WS2812 data pin. Then the emulator is killed and started
// again (the replug) while a virtual prop on another link keeps playing.
import { beforeAll, describe, expect, it } from 'vitest';
import type { LatchReport } from '../../../src/devices/serial/serial-link.js';
import { VirtualLink, type ShownFrame } from '../../../src/devices/virtual/virtual-link.js';
import { frameIndexAt } from '../../../src/show/time.js';
import { buildFirmware, monotonicMs, readPinBursts, type EmulatedProp } from '../../support/emulated-prop.js';
import { markedFrame, pinLatches } from '../../support/latch-marks.js';
import { withSerialRig } from '../../support/serial-rig.js';
import { sleep, until } from '../../support/wait.js';

const FPS = 100;

function render(showTime: number): Map<string, Uint8Array> {
  const index = frameIndexAt(showTime, FPS);
  return new Map([
    ['club', markedFrame(index, 4)],
    ['preview', Uint8Array.of(index & 0xff, index >> 8, 0)],
  ]);
}

describe('device manager → socat pty → simavr running the prop firmware', () => {
  beforeAll(async () => {
    await buildFirmware();
  });

  it('latches frames at their show times, and after a replug resumes within 1 s while the other prop plays on', async () => {
    await withSerialRig([{ propId: 'club', pixelCount: 4 }], async (rig) => {
      const { clock, manager, link: serial, originMs } = rig;
      const preview = new VirtualLink({
        id: 'virtual',
        clock,
        props: [{ propId: 'preview', pixelCount: 1 }],
      });
      manager.addLink(preview);
      const reports: LatchReport[] = [];
      serial.onLatch((report) => reports.push(report));
      const shown: ShownFrame[] = [];
      preview.onFrame((frame) => shown.push(frame));
      const first = rig.props[0] as EmulatedProp;

      manager.start();
      await until(() => serial.status() === 'connected', 'the serial link to connect');
      manager.play(render, FPS);
      await sleep(1000);

      // The replug: the emulator dies with frames in flight and a new one boots on the same tty.
      await first.stop();
      const unpluggedAt = clock.now();
      await sleep(300);
      const replugMs = monotonicMs();
      const second = await rig.startProp();
      await until(() => serial.state().reconnects === 1 && serial.status() === 'connected', 'the link back');
      await sleep(1000);
      const resumedCheckAt = clock.now();
      await manager.shutdown();
      await second.stop();

      // Before the unplug: the frames latched on the pin at their show times. The bounds are loose on
      // purpose: on a loaded machine the emulator itself falls behind real time (device-latch measures).
      const before = pinLatches(readPinBursts(first.edgesPath), originMs, FPS);
      expect(before.length).toBeGreaterThan(30);
      const sorted = before.map((latch) => Math.abs(latch.errorMs)).sort((a, b) => a - b);
      expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(2);
      expect(sorted[Math.floor(sorted.length * 0.9)]).toBeLessThan(10);
      // In order, and (frames too late to send are skipped by design) nearly all of the span.
      const indices = before.map((latch) => latch.index);
      expect(indices).toEqual([...indices].sort((a, b) => a - b));
      const span = (indices.at(-1) as number) - (indices[0] as number) + 1;
      expect(indices.length / span).toBeGreaterThan(0.75);

      // After the replug: the first correctly timed frame within 1 s of the emulator starting again.
      const after = pinLatches(readPinBursts(second.edgesPath), originMs, FPS);
      const firstGood = after.find((latch) => Math.abs(latch.errorMs) < 5);
      if (firstGood === undefined) throw new Error('no correctly timed frame on the pin after the replug');
      expect(firstGood.latchMs - replugMs).toBeLessThan(1000);
      expect(after.filter((latch) => Math.abs(latch.errorMs) < 5).length).toBeGreaterThan(50);
      // Shutdown blacked the prop out before closing the port: the last thing on the pin is all zeros.
      const lastBurst = readPinBursts(second.edgesPath).at(-1);
      expect(lastBurst?.bytes.every((byte) => byte === 0)).toBe(true);

      // The virtual prop never stopped: frames all through the unplug and the replug (a loaded machine may
      // stall the event loop briefly, so the gap allowed is far below the outage but above such stalls).
      const during = shown.filter(
        (frame) => frame.shownAt > unpluggedAt - 0.1 && frame.shownAt < resumedCheckAt,
      );
      expect(during.length).toBeGreaterThan((resumedCheckAt - unpluggedAt) * FPS * 0.7);
      for (let index = 1; index < during.length; index += 1) {
        expect(
          (during[index] as ShownFrame).shownAt - (during[index - 1] as ShownFrame).shownAt,
        ).toBeLessThan(0.25);
      }
      expect(reports.length).toBeGreaterThan(100);
      expect(serial.state().status).toBe('closed');
    });
  });
});
