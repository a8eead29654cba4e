import { describe, expect, it } from 'vitest';
import { planLinks, serialLocator } from '../../../src/devices/link-plan.js';
import { ManualShowClock } from '../../../src/devices/show-clock.js';
import { PropSchema, type Prop } from '../../../src/show/index.js';

function prop(id: string, pixelCount: number, link: Prop['link']): Prop {
  return PropSchema.parse({ id, name: id, pixelCount, link, segments: [] });
}

describe('planLinks: show props to links', () => {
  it('groups props by link and names every prop it has to leave out', async () => {
    const plan = planLinks(
      [
        prop('p1', 4, { kind: 'virtual' }),
        prop('p2', 4, { kind: 'virtual' }),
        prop('ball1', 1, { kind: 'ltx', address: '192.168.4.21' }),
        prop('ball2', 1, { kind: 'ltx', address: 'ball.local' }),
        prop('club1', 8, { kind: 'serial', address: '/dev/ttyUSB0', channel: 0 }),
        prop('club2', 8, { kind: 'serial', address: '/dev/ttyUSB0', channel: 1 }),
        prop('poi', 8, { kind: 'serial', address: 'by-id:A7F3' }),
        prop('lost', 8, { kind: 'serial', address: 'COM3' }),
        prop('noaddr', 8, { kind: 'serial' }),
        prop('rgb', 1, { kind: 'firmata', address: '/dev/ttyACM0', channel: 1 }),
        prop('strip', 3, { kind: 'firmata', address: '/dev/ttyACM0' }),
      ],
      { clock: new ManualShowClock() },
    );
    expect(plan.links.map((link) => [link.id, link.kind, link.props.map((p) => p.propId)])).toEqual([
      ['virtual', 'virtual', ['p1', 'p2']],
      ['ltx', 'ltx-wifi', ['ball1']],
      ['serial:/dev/ttyUSB0', 'serial', ['club1', 'club2']],
      ['serial:by-id:A7F3', 'serial', ['poi']],
      ['firmata:/dev/ttyACM0', 'firmata', ['rgb']],
    ]);
    expect(plan.problems).toEqual([
      'prop ball2: LTX address "ball.local" is not an IPv4 address',
      'prop lost: "COM3" is not an absolute device path, by-id:FRAGMENT or usb:VID:PID[:SERIAL]',
      'prop noaddr: a serial prop needs a device address',
      'prop strip: a Firmata RGB prop has exactly 1 pixel, not 3',
    ]);
    await Promise.all(plan.links.map((link) => link.close()));
  });

  it('a dongle with several props needs a channel for each', () => {
    const plan = planLinks(
      [
        prop('a', 4, { kind: 'serial', address: '/dev/ttyUSB1', channel: 2 }),
        prop('b', 4, { kind: 'serial', address: '/dev/ttyUSB1' }),
      ],
      { clock: new ManualShowClock() },
    );
    expect(plan.links).toEqual([]);
    expect(plan.problems).toEqual([
      'serial /dev/ttyUSB1: props b need a channel, since the link carries several',
    ]);
  });

  it('reads the three kinds of serial address', () => {
    expect(typeof serialLocator('/dev/serial/by-id/usb-x')).toBe('function');
    expect(typeof serialLocator('by-id:FT232R_A7F3')).toBe('function');
    expect(typeof serialLocator('usb:0403:6001:A7F3')).toBe('function');
    expect(serialLocator('usb:403:6001')).toMatch(/is not an absolute device path/);
    expect(serialLocator('by-id:')).toMatch(/is not an absolute device path/);
  });
});
