// Which of the show's props already drive a found device. A serial prop may name its port several ways
// (the tty path, its by-id link, a by-id fragment, the USB ids), so each way is checked against what the
// port was found as.
import type { SerialCandidate } from '../../devices/index.js';
import type { Prop } from '../../show/index.js';

export function propsOnBall(props: readonly Prop[], address: string): string[] {
  return props.filter((prop) => prop.link.kind === 'ltx' && prop.link.address === address).map((p) => p.id);
}

export function propsOnPort(props: readonly Prop[], port: SerialCandidate): string[] {
  return props
    .filter(
      (prop) =>
        (prop.link.kind === 'serial' || prop.link.kind === 'firmata') &&
        prop.link.address !== undefined &&
        addressNamesPort(prop.link.address, port),
    )
    .map((prop) => prop.id);
}

function addressNamesPort(address: string, port: SerialCandidate): boolean {
  if (address === port.path || address === port.byId) return true;
  if (address.startsWith('by-id:')) return port.byId !== null && port.byId.includes(address.slice(6));
  const usb = /^usb:([0-9a-fA-F]{4}):([0-9a-fA-F]{4})(?::(.+))?$/.exec(address);
  if (usb === null) return false;
  const same = (a: string | undefined, b: string | null) => a?.toLowerCase() === b?.toLowerCase();
  return (
    same(usb[1], port.vendorId) &&
    same(usb[2], port.productId) &&
    (usb[3] === undefined || usb[3] === port.serialNumber)
  );
}
