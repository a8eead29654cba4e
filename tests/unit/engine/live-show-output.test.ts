import { describe, expect, it } from 'vitest';
import { DeviceManager, LtxWifiLink, VirtualLink } from '../../../src/devices/index.js';
import { beatsCrossed } from '../../../src/engine/beat-crossings.js';
import { LiveShow } from '../../../src/engine/live-show.js';
import { ManualHostClock, VirtualClock } from '../../../src/engine/virtual-clock.js';
import { ShowSchema } from '../../../src/show/index.js';

// One prop previewed on a virtual link and one real LTX ball (never connected: only its kind matters here).
function setUp() {
  const host = new ManualHostClock();
  const clock = new VirtualClock({ duration: 10, hostClock: host.read });
  const show = ShowSchema.parse({
    schemaVersion: 1,
    id: 'gain',
    name: 'Gain',
    duration: 10,
    props: ['preview', 'ball'].map((id) => ({
      id,
      name: id,
      pixelCount: 1,
      segments: [{ id: `${id}-1`, start: 0, end: 10, look: { kind: 'solid', color: [200, 100, 50] } }],
    })),
  });
  const devices = new DeviceManager({ clock });
  const preview = new VirtualLink({ id: 'virtual', clock, props: [{ propId: 'preview', pixelCount: 1 }] });
  const ball = new LtxWifiLink({
    id: 'ltx',
    clock,
    localAddress: '127.0.0.1',
    balls: [{ propId: 'ball', pixelCount: 1, address: '127.0.0.1' }],
  });
  devices.addLink(preview);
  devices.addLink(ball);
  const live = new LiveShow({ clock, devices, show });
  const pixels = (propId: string) => Array.from(live.render(1).get(propId) ?? []);
  return { live, pixels };
}

describe('live output', () => {
  it('scales every prop by the master brightness', () => {
    const { live, pixels } = setUp();
    expect(pixels('ball')).toEqual([200, 100, 50]);
    live.setMasterBrightness(0.5);
    expect(pixels('ball')).toEqual([100, 50, 25]);
    expect(pixels('preview')).toEqual([100, 50, 25]);
    expect(() => live.setMasterBrightness(1.5)).toThrow(/between 0 and 1/);
  });

  it('in rehearsal darkens or dims real props and leaves previews bright', () => {
    const { live, pixels } = setUp();
    live.setRehearsalOutput({ output: 'virtual-only', dim: 0 });
    expect(pixels('ball')).toEqual([0, 0, 0]);
    expect(pixels('preview')).toEqual([200, 100, 50]);
    live.setRehearsalOutput({ output: 'dimmed', dim: 0.25 });
    expect(pixels('ball')).toEqual([50, 25, 13]);
    expect(pixels('preview')).toEqual([200, 100, 50]);
    live.setRehearsalOutput(null);
    expect(pixels('ball')).toEqual([200, 100, 50]);
  });

  it('renders every prop black during a blackout, whatever else is set', async () => {
    const { live, pixels } = setUp();
    live.setRehearsalOutput({ output: 'dimmed', dim: 0.5 });
    await live.setBlackout(true);
    expect(pixels('ball')).toEqual([0, 0, 0]);
    expect(pixels('preview')).toEqual([0, 0, 0]);
    await live.setBlackout(false);
    expect(pixels('preview')).toEqual([200, 100, 50]);
  });
});

describe('beat crossings', () => {
  const beats = [0, 0.5, 1, 1.5, 2];
  it('reports the beats in (from, to]', () => {
    expect(beatsCrossed(beats, 0, 1)).toEqual([1, 2]);
    expect(beatsCrossed(beats, -0.1, 0)).toEqual([0]);
    expect(beatsCrossed(beats, 0.6, 0.9)).toEqual([]);
    expect(beatsCrossed(beats, 1.9, 5)).toEqual([4]);
  });
  it('reports nothing for a playhead that went backwards', () => {
    expect(beatsCrossed(beats, 1.5, 0.2)).toEqual([]);
  });
});
