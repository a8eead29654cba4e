import { describe, expect, it } from 'vitest';
import type { SerialCandidate } from '../../../src/devices/index.js';
import { propsOnBall, propsOnPort } from '../../../src/server/discovery/device-usage.js';
import { PropSchema, type Prop, type PropLinkRef } from '../../../src/show/index.js';

const PORT: SerialCandidate = {
  path: '/dev/ttyUSB0',
  byId: '/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A12345-if00-port0',
  vendorId: '0403',
  productId: '6001',
  serialNumber: 'A12345',
};

function prop(id: string, link: PropLinkRef): Prop {
  return PropSchema.parse({ id, name: id, pixelCount: 1, link, segments: [] });
}

describe('which props use a found device', () => {
  it('knows a serial port by its path, by-id link, by-id fragment or USB ids, and nothing else', () => {
    const props = [
      prop('by-path', { kind: 'serial', address: '/dev/ttyUSB0' }),
      prop('by-link', { kind: 'serial', address: PORT.byId as string }),
      prop('by-fragment', { kind: 'serial', address: 'by-id:A12345' }),
      prop('by-usb', { kind: 'serial', address: 'usb:0403:6001' }),
      prop('by-usb-serial', { kind: 'firmata', address: 'usb:0403:6001:A12345' }),
      prop('other-serial-number', { kind: 'serial', address: 'usb:0403:6001:B99' }),
      prop('other-port', { kind: 'serial', address: '/dev/ttyUSB1' }),
      prop('ball-same-text', { kind: 'ltx', address: '/dev/ttyUSB0' }),
      prop('virtual', { kind: 'virtual' }),
    ];
    expect(propsOnPort(props, PORT)).toEqual([
      'by-path',
      'by-link',
      'by-fragment',
      'by-usb',
      'by-usb-serial',
    ]);
  });

  it('knows a ball by its address on an LTX link only', () => {
    const props = [
      prop('ball', { kind: 'ltx', address: '192.168.4.21' }),
      prop('other-ball', { kind: 'ltx', address: '192.168.4.22' }),
      prop('not-ltx', { kind: 'serial', address: '192.168.4.21' }),
    ];
    expect(propsOnBall(props, '192.168.4.21')).toEqual(['ball']);
  });
});
