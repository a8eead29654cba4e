// The prop keeps playing on its own when live frames stop: a program image uploaded over the serial link
// (PROGRAM begin/chunk/commit/arm, each acknowledged) to the real firmware in simavr takes over after the
// holdover, timed from the show start the link armed it with.
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeProgramImage } from '../../../src/firmware-protocol/index.js';
import { frameIndexAt } from '../../../src/show/time.js';
import { buildFirmware, readPinBursts } from '../../support/emulated-prop.js';
import { markedFrame } from '../../support/latch-marks.js';
import { sleep, until, withSerialRig } from '../../support/serial-rig.js';

const FPS = 100;
const STEP_MS = 400;
const COLOURS = [
  [10, 20, 30],
  [40, 50, 60],
] as const;

describe('program upload to the emulated prop', () => {
  beforeAll(async () => {
    await buildFirmware();
  });

  it('plays the uploaded program by itself once frames stop, on the show clock', async () => {
    await withSerialRig([{ propId: 'club', pixelCount: 4 }], async (rig) => {
      rig.manager.start();
      await until(() => rig.link.status() === 'connected', 'the link to connect');

      const bad = Uint8Array.of(1, 0, 5, 0);
      await expect(rig.link.uploadProgram('club', bad, 'x')).rejects.toThrow(/not a valid image/);

      const image = encodeProgramImage({
        loop: true,
        steps: COLOURS.map((rgb) => ({ durationMs: STEP_MS, rgb })),
      });
      rig.manager.play((time) => new Map([['club', markedFrame(frameIndexAt(time, FPS), 4)]]), FPS);
      await sleep(300);
      await rig.link.uploadProgram('club', image, 'club.prog');
      await sleep(200);
      rig.manager.pause();
      const stoppedMs = rig.originMs + rig.clock.now() * 1000;
      // Holdover 500 ms, then the program for a few steps.
      await sleep(2000);
      await rig.manager.shutdown();
      await rig.props[0]?.stop();

      const afterStop = readPinBursts(rig.props[0]?.edgesPath ?? '').filter(
        (burst) => burst.latchMs > stoppedMs,
      );
      const programBursts = afterStop.filter((burst) =>
        COLOURS.some(
          (rgb) => burst.bytes[0] === rgb[0] && burst.bytes[1] === rgb[1] && burst.bytes[2] === rgb[2],
        ),
      );
      expect(programBursts.length).toBeGreaterThanOrEqual(3);
      // Each step starts on a step boundary of the show clock (show time 0 = originMs), within a few ms.
      for (const burst of programBursts.slice(1)) {
        const sinceStart = burst.latchMs - rig.originMs;
        const offBoundary = Math.abs(sinceStart - Math.round(sinceStart / STEP_MS) * STEP_MS);
        // A tenth of a step: the colour check below is what proves the step; the emulator slips under load.
        expect(offBoundary).toBeLessThan(STEP_MS / 10);
        const step = Math.round(sinceStart / STEP_MS) % COLOURS.length;
        expect([...burst.bytes.slice(0, 3)]).toEqual([...(COLOURS[step] as readonly number[])]);
      }
      // No live frame after the stop: nothing else moved the pin.
      expect(
        afterStop.filter((burst) => burst.bytes[2] === 0xa5 && burst.latchMs > stoppedMs + 100),
      ).toHaveLength(0);
    });
  });
});
