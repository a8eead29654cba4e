// The roster over a real device manager with virtual links and a serial link to a port that is not there:
// what it starts, keeps, rebuilds and lets go as the props change.
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceManager } from '../../../src/devices/device-manager.js';
import { LinkRoster } from '../../../src/devices/link-roster.js';
import { ManualShowClock } from '../../../src/devices/show-clock.js';
import { PropSchema, type Prop } from '../../../src/show/index.js';

function prop(id: string, pixelCount: number, link: Prop['link']): Prop {
  return PropSchema.parse({ id, name: id, pixelCount, link, segments: [] });
}

const clock = new ManualShowClock();
let devices: DeviceManager;

afterEach(async () => {
  await devices.shutdown();
});

describe('LinkRoster: links follow the props', () => {
  it('starts links for new props, leaves unchanged links alone and lets go of links whose props left', async () => {
    devices = new DeviceManager({ clock, blackoutTimeoutMs: 200 });
    const roster = new LinkRoster(devices, { clock });
    const p1 = prop('p1', 4, { kind: 'virtual' });
    const club = prop('club', 8, { kind: 'serial', address: '/nonexistent/tty-club' });
    expect(await roster.reconcile([p1])).toEqual({ started: ['virtual'], stopped: [], problems: [] });
    devices.start();
    const virtual = devices.link('virtual');

    const withClub = await roster.reconcile([p1, club]);
    expect(withClub).toEqual({ started: ['serial:/nonexistent/tty-club'], stopped: [], problems: [] });
    // The virtual link's props did not change: the same link plays on.
    expect(devices.link('virtual')).toBe(virtual);
    expect(devices.linkOf('club')?.id).toBe('serial:/nonexistent/tty-club');
    // Started at once (the manager is running): it is looking for its port.
    expect(devices.link('serial:/nonexistent/tty-club')?.status()).not.toBe('idle');

    const moved = await roster.reconcile([p1, { ...club, link: { kind: 'virtual' } }]);
    expect([...moved.stopped].sort()).toEqual(['serial:/nonexistent/tty-club', 'virtual']);
    expect(moved.started).toEqual(['virtual']);
    expect(devices.linkOf('club')?.id).toBe('virtual');
    expect(devices.link('virtual')).not.toBe(virtual);
    expect(virtual?.status()).toBe('closed');
    expect(devices.managedLinks().map((link) => link.id)).toEqual(['virtual']);
  });

  it('names a prop it cannot give a link and keeps the others', async () => {
    devices = new DeviceManager({ clock, blackoutTimeoutMs: 200 });
    const roster = new LinkRoster(devices, { clock });
    const change = await roster.reconcile([
      prop('p1', 4, { kind: 'virtual' }),
      prop('lost', 8, { kind: 'serial', address: 'COM3' }),
    ]);
    expect(change.started).toEqual(['virtual']);
    expect(change.problems).toEqual([
      'prop lost: "COM3" is not an absolute device path, by-id:FRAGMENT or usb:VID:PID[:SERIAL]',
    ]);
    expect(devices.linkOf('lost')).toBeUndefined();
  });

  it('applies overlapping calls in order', async () => {
    devices = new DeviceManager({ clock, blackoutTimeoutMs: 200 });
    const roster = new LinkRoster(devices, { clock });
    const a = prop('a', 1, { kind: 'virtual' });
    const b = prop('b', 1, { kind: 'virtual' });
    const results = await Promise.all([
      roster.reconcile([a]),
      roster.reconcile([a, b]),
      roster.reconcile([b]),
    ]);
    expect(results.map((result) => result.started)).toEqual([['virtual'], ['virtual'], ['virtual']]);
    expect(devices.managedLinks().flatMap((link) => link.props.map((linked) => linked.propId))).toEqual([
      'b',
    ]);
  });
});
