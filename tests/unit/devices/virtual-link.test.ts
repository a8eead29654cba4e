import { afterEach, describe, expect, it } from 'vitest';
import { ManualShowClock } from '../../../src/devices/show-clock.js';
import { VirtualLink, type ShownFrame } from '../../../src/devices/virtual/virtual-link.js';

async function settle(ms = 30): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

describe('virtual link', () => {
  let link: VirtualLink | null = null;
  afterEach(async () => {
    await link?.close();
    link = null;
  });

  it('shows each frame when the show clock reaches its time, and keeps the latest per prop', async () => {
    const clock = new ManualShowClock(0);
    link = new VirtualLink({ id: 'preview', clock, props: [{ propId: 'a', pixelCount: 2 }] });
    const shown: ShownFrame[] = [];
    link.onFrame((frame) => shown.push(frame));
    await link.connect();
    link.send({ propId: 'a', showAt: 1, pixels: Uint8Array.of(1, 1, 1, 1, 1, 1) });
    link.send({ propId: 'a', showAt: 2, pixels: Uint8Array.of(2, 2, 2, 2, 2, 2) });
    await settle();
    expect(shown).toHaveLength(0);
    expect(link.latest('a')).toBeUndefined();

    clock.set(1.001);
    await settle();
    expect(shown.map((frame) => frame.showAt)).toEqual([1]);
    expect([...(link.latest('a')?.pixels ?? [])]).toEqual([1, 1, 1, 1, 1, 1]);

    clock.set(2.01);
    await settle();
    expect(shown.map((frame) => frame.showAt)).toEqual([1, 2]);
    expect(link.state()).toMatchObject({
      framesSent: 2,
      framesLate: 0,
      framesDropped: 0,
      status: 'connected',
    });
  });

  it('a frame whose time passed long ago is counted late, and older due frames are superseded', async () => {
    const clock = new ManualShowClock(10);
    link = new VirtualLink({ id: 'preview', clock, props: [{ propId: 'a', pixelCount: 1 }] });
    await link.connect();
    link.send({ propId: 'a', showAt: 5, pixels: Uint8Array.of(5, 5, 5) });
    await settle();
    expect(link.state()).toMatchObject({ framesLate: 1, framesSent: 0 });

    link.send({ propId: 'a', showAt: 11, pixels: Uint8Array.of(1, 1, 1) });
    link.send({ propId: 'a', showAt: 11.01, pixels: Uint8Array.of(2, 2, 2) });
    clock.set(11.02);
    await settle();
    expect([...(link.latest('a')?.pixels ?? [])]).toEqual([2, 2, 2]);
    expect(link.state()).toMatchObject({ framesSent: 1, framesDropped: 1 });
  });

  it('refuses frames it cannot show, saying why, and changes nothing', async () => {
    const clock = new ManualShowClock(0);
    link = new VirtualLink({ id: 'preview', clock, props: [{ propId: 'a', pixelCount: 2 }] });
    await link.connect();
    expect(() => link?.send({ propId: 'b', showAt: 0, pixels: new Uint8Array(6) })).toThrow(
      /does not drive prop b/,
    );
    expect(() => link?.send({ propId: 'a', showAt: 0, pixels: new Uint8Array(5) })).toThrow(
      /2 pixels, so a frame is 6 bytes, not 5/,
    );
    expect(() => link?.send({ propId: 'a', showAt: Number.NaN, pixels: new Uint8Array(6) })).toThrow(
      /finite/,
    );
    expect(() => new VirtualLink({ id: 'x', clock, props: [{ propId: 'a', pixelCount: 0 }] })).toThrow(
      /pixel count/,
    );
    await settle();
    expect(link.latest('a')).toBeUndefined();
  });

  it('blackout shows black at once and drops what was queued; upload keeps the program for rehearsal', async () => {
    const clock = new ManualShowClock(0);
    link = new VirtualLink({ id: 'preview', clock, props: [{ propId: 'a', pixelCount: 1 }] });
    await link.connect();
    link.send({ propId: 'a', showAt: 1, pixels: Uint8Array.of(9, 9, 9) });
    await link.blackout();
    clock.set(2);
    await settle();
    expect([...(link.latest('a')?.pixels ?? [])]).toEqual([0, 0, 0]);
    await link.uploadProgram('a', Uint8Array.of(1, 2), 'a.prg');
    expect(link.program('a')).toEqual({ name: 'a.prg', bytes: Uint8Array.of(1, 2) });
    await link.close();
    expect(link.status()).toBe('closed');
    await expect(link.connect()).rejects.toThrow(/closed/);
  });
});
