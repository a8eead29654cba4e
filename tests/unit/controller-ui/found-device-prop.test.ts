import { describe, expect, it } from 'vitest';
import type { FoundDevice } from '../../../src/contracts/index.js';
import {
  addPropForDevice,
  pixelCountProblem,
} from '../../../src/controller-ui/src/panels/found-device-prop.js';
import { commandDefinition } from '../../../src/show/index.js';

const BALL: FoundDevice = {
  id: 'ltx:192.168.4.21',
  kind: 'ltx',
  address: '192.168.4.21',
  label: 'Ball .21',
  pixelCount: null,
  usedBy: [],
};
const DONGLE: FoundDevice = {
  id: 'serial:/dev/ttyUSB0',
  kind: 'serial',
  address: '/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A12345-if00-port0',
  label: 'USB 0403:6001 (A12345)',
  pixelCount: null,
  usedBy: [],
};

describe('the prop a found device becomes', () => {
  it('is named after the ball and linked to its address, as a valid addProp command', () => {
    const command = addPropForDevice(BALL, [], 1);
    expect(command.prop).toMatchObject({
      id: 'ball-192-168-4-21',
      name: 'Ball .21',
      pixelCount: 1,
      link: { kind: 'ltx', address: '192.168.4.21' },
    });
    expect(commandDefinition('addProp')?.schema.safeParse(command).success).toBe(true);
  });

  it('takes the next free id when the show already has one by that name', () => {
    const taken = [{ id: 'ball-192-168-4-21' }, { id: 'ball-192-168-4-21-2' }];
    expect(addPropForDevice(BALL, taken, 1).prop.id).toBe('ball-192-168-4-21-3');
  });

  it('gives a serial dongle an id from its label and its stable by-id path as the address', () => {
    const command = addPropForDevice(DONGLE, [], 30);
    expect(command.prop).toMatchObject({
      id: 'usb-0403-6001-a12345',
      pixelCount: 30,
      link: { kind: 'serial', address: DONGLE.address },
    });
    expect(commandDefinition('addProp')?.schema.safeParse(command).success).toBe(true);
  });

  it('says what is wrong with a typed pixel count', () => {
    expect(pixelCountProblem('12')).toBeNull();
    for (const bad of ['0', '-3', '2.5', '', 'lots', '100000'])
      expect(pixelCountProblem(bad)).toMatch(/whole number 1–512/);
  });
});
