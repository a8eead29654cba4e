// From the show's props to the links that drive them: one virtual link for the previews, one LTX link for
// every Wi-Fi ball, one serial link per dongle and one Firmata link per board. A prop whose device
// address cannot be used is reported and left out; the show goes on for the others.
import type { Prop } from '../show/index.js';
import { FirmataLink, type FirmataRgbProp } from './firmata/firmata-link.js';
import { LtxWifiLink, type LtxBall } from './ltx/ltx-wifi-link.js';
import { fixedPort, type PortLocator } from './port-locator.js';
import type { PropLink } from './prop-link.js';
import { byIdPort, vidPidPort } from './serial/serial-discovery.js';
import { SerialLink, type SerialProp } from './serial/serial-link.js';
import type { ShowClock } from './show-clock.js';
import { VirtualLink } from './virtual/virtual-link.js';

export interface LinkPlanOptions {
  readonly clock: ShowClock;
  /** Local address for LTX traffic (default: any). */
  readonly ltxLocalAddress?: string;
}

export interface LinkPlan {
  readonly links: PropLink[];
  /**
   * Per link id, what the link was planned from (its props and their device settings) as a string: two
   * plans that give a link the same signature would build the same link.
   */
  readonly signatures: ReadonlyMap<string, string>;
  /** One sentence per prop left out, naming the prop and what is wrong with its device address. */
  readonly problems: string[];
}

/** PWM pin trios of an Uno-class board, chosen by the prop's channel. */
const FIRMATA_PIN_SETS = [
  { red: 3, green: 5, blue: 6 },
  { red: 9, green: 10, blue: 11 },
] as const;

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/**
 * Serial addresses: an absolute device path (`/dev/ttyUSB0`, `/dev/serial/by-id/…`, a udev or socat link
 * anywhere), `by-id:FRAGMENT` (a part of the by-id name, such as the adapter's serial number) or
 * `usb:VID:PID[:SERIAL]` (hex ids).
 */
export function serialLocator(address: string): PortLocator | string {
  if (address.startsWith('/')) return fixedPort(address);
  if (address.startsWith('by-id:') && address.length > 6) {
    const fragment = address.slice(6).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return byIdPort(new RegExp(fragment));
  }
  const usb = /^usb:([0-9a-fA-F]{4}):([0-9a-fA-F]{4})(?::(.+))?$/.exec(address);
  if (usb !== null) return vidPidPort(usb[1] as string, usb[2] as string, usb[3]);
  return `"${address}" is not an absolute device path, by-id:FRAGMENT or usb:VID:PID[:SERIAL]`;
}

export function planLinks(props: readonly Prop[], options: LinkPlanOptions): LinkPlan {
  const problems: string[] = [];
  const virtual: Prop[] = [];
  const balls: LtxBall[] = [];
  const dongles = new Map<string, { locator: PortLocator; props: SerialProp[] }>();
  const boards = new Map<string, FirmataRgbProp[]>();

  for (const prop of props) {
    const { kind, address, channel } = prop.link;
    if (kind === 'virtual') {
      virtual.push(prop);
      continue;
    }
    if (address === undefined || address === '') {
      problems.push(`prop ${prop.id}: a ${kind} prop needs a device address`);
      continue;
    }
    if (kind === 'ltx') {
      if (!IPV4.test(address))
        problems.push(`prop ${prop.id}: LTX address "${address}" is not an IPv4 address`);
      else balls.push({ propId: prop.id, pixelCount: prop.pixelCount, address });
    } else if (kind === 'serial') {
      const locator = serialLocator(address);
      if (typeof locator === 'string') {
        problems.push(`prop ${prop.id}: ${locator}`);
        continue;
      }
      const dongle = dongles.get(address) ?? { locator, props: [] };
      dongle.props.push({
        propId: prop.id,
        pixelCount: prop.pixelCount,
        address: channel,
        colorOrder: prop.colorOrder,
      });
      dongles.set(address, dongle);
    } else {
      const pins = FIRMATA_PIN_SETS[channel ?? 0];
      if (pins === undefined) {
        problems.push(`prop ${prop.id}: Firmata channel ${channel} has no PWM pin set (0 or 1)`);
        continue;
      }
      if (prop.pixelCount !== 1) {
        problems.push(`prop ${prop.id}: a Firmata RGB prop has exactly 1 pixel, not ${prop.pixelCount}`);
        continue;
      }
      const board = boards.get(address) ?? [];
      board.push({ propId: prop.id, pins });
      boards.set(address, board);
    }
  }

  const links: PropLink[] = [];
  const signatures = new Map<string, string>();
  const { clock } = options;
  const add = (link: PropLink, plannedFrom: unknown) => {
    links.push(link);
    signatures.set(link.id, JSON.stringify(plannedFrom));
  };
  if (virtual.length > 0) {
    const props = virtual.map((prop) => ({ propId: prop.id, pixelCount: prop.pixelCount }));
    add(new VirtualLink({ id: 'virtual', clock, props }), props);
  }
  if (balls.length > 0)
    add(new LtxWifiLink({ id: 'ltx', clock, balls, localAddress: options.ltxLocalAddress }), balls);
  for (const [address, dongle] of dongles) {
    const unaddressed = dongle.props.filter((prop) => prop.address === undefined);
    if (dongle.props.length > 1 && unaddressed.length > 0) {
      problems.push(
        `serial ${address}: props ${unaddressed.map((prop) => prop.propId).join(', ')} need a channel, since the link carries several`,
      );
      continue;
    }
    add(
      new SerialLink({ id: `serial:${address}`, port: dongle.locator, clock, props: dongle.props }),
      dongle.props,
    );
  }
  for (const [address, boardProps] of boards) {
    add(
      new FirmataLink({ id: `firmata:${address}`, port: fixedPort(address), clock, props: boardProps }),
      boardProps,
    );
  }
  return { links, signatures, problems };
}
