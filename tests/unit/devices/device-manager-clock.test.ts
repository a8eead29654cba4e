import { afterEach, describe, expect, it } from 'vitest';
import { DeviceManager } from '../../../src/devices/device-manager.js';
import { ManualShowClock } from '../../../src/devices/show-clock.js';
import { VirtualLink } from '../../../src/devices/virtual/virtual-link.js';
import { sleep } from '../../support/wait.js';

describe('device manager render loop on a driven show clock', () => {
  let manager: DeviceManager | null = null;
  afterEach(async () => {
    await manager?.shutdown();
    manager = null;
  });

  it('renders each frame once ahead of time, skips what a stall made unreachable, and starts over after a seek', async () => {
    const clock = new ManualShowClock(0);
    manager = new DeviceManager({ clock, renderMargin: 0.01 });
    const link = new VirtualLink({ id: 'virtual', clock, props: [{ propId: 'a', pixelCount: 1 }] });
    manager.addLink(link);
    manager.start();
    const rendered: number[] = [];
    manager.play((time) => {
      rendered.push(Math.round(time * 1000) / 1000);
      return new Map([['a', Uint8Array.of(1, 2, 3)]]);
    }, 10);
    await sleep(30);
    expect(rendered).toEqual([]);

    clock.set(0.095);
    await sleep(30);
    expect(rendered).toEqual([0.1]);

    // A stall: the clock is at 0.55 before the loop runs again; 0.2 … 0.5 can no longer be shown.
    clock.set(0.55);
    await sleep(30);
    clock.set(0.595);
    await sleep(30);
    expect(rendered).toEqual([0.1, 0.6]);

    // A seek back to 0.2: what was queued for 0.6 is dropped and rendering starts again at 0.3.
    const droppedBefore = link.state().framesDropped;
    clock.set(0.2);
    await sleep(30);
    clock.set(0.295);
    await sleep(30);
    expect(rendered).toEqual([0.1, 0.6, 0.3]);
    expect(link.state().framesDropped).toBe(droppedBefore + 1);
  });
});
