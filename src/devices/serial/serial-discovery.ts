// Finds prop dongles: by the stable names udev makes under /dev/serial/by-id (hardware/ ships a rule),
// or by USB vendor/product id through serialport's port list. Both are asked afresh on every attempt,
// since a replugged device may come back as another /dev/ttyUSBn.
import { readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import type { PortLocator } from '../port-locator.js';

export const SERIAL_BY_ID_DIR = '/dev/serial/by-id';

export interface SerialCandidate {
  readonly path: string;
  /** The stable name it was found under, when found by id. */
  readonly byId: string | null;
  readonly vendorId: string | null;
  readonly productId: string | null;
  readonly serialNumber: string | null;
}

/** Links in the by-id folder whose name matches, resolved to the tty they point at. */
export function listById(pattern: RegExp, dir = SERIAL_BY_ID_DIR): SerialCandidate[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const found: SerialCandidate[] = [];
  for (const name of names.sort()) {
    if (!pattern.test(name)) continue;
    try {
      const path = realpathSync(join(dir, name));
      found.push({ path, byId: join(dir, name), vendorId: null, productId: null, serialNumber: null });
    } catch {
      // A dangling link: the device is going away.
    }
  }
  return found;
}

/** Ports whose USB vendor and product ids match (hex strings, case-insensitive, e.g. "0403", "6001"). */
export async function listByVidPid(
  vendorId: string,
  productId: string,
  serialNumber?: string,
): Promise<SerialCandidate[]> {
  const ports = await SerialPort.list();
  return ports
    .filter(
      (port) =>
        port.vendorId?.toLowerCase() === vendorId.toLowerCase() &&
        port.productId?.toLowerCase() === productId.toLowerCase() &&
        (serialNumber === undefined || port.serialNumber === serialNumber),
    )
    .map((port) => ({
      path: port.path,
      byId: null,
      vendorId: port.vendorId ?? null,
      productId: port.productId ?? null,
      serialNumber: port.serialNumber ?? null,
    }));
}

/** The first by-id link matching `pattern` (a name fragment such as the adapter's serial number). */
export function byIdPort(pattern: RegExp, dir = SERIAL_BY_ID_DIR): PortLocator {
  return () => Promise.resolve(listById(pattern, dir)[0]?.path ?? null);
}

/** The first port with these USB ids (and serial number, to tell two identical dongles apart). */
export function vidPidPort(vendorId: string, productId: string, serialNumber?: string): PortLocator {
  return async () => (await listByVidPid(vendorId, productId, serialNumber))[0]?.path ?? null;
}

/**
 * Every serial port the OS lists, with its by-id name where udev made one, plus any by-id link the list
 * missed (the OS list needs udev's database, the links do not): for setting up a show.
 */
export async function listSerialCandidates(byIdDir = SERIAL_BY_ID_DIR): Promise<SerialCandidate[]> {
  const linked = listById(/./, byIdDir);
  const byId = new Map(linked.map((candidate) => [candidate.path, candidate.byId]));
  const ports = await SerialPort.list();
  const listed = ports.map((port) => ({
    path: port.path,
    byId: byId.get(port.path) ?? null,
    vendorId: port.vendorId ?? null,
    productId: port.productId ?? null,
    serialNumber: port.serialNumber ?? null,
  }));
  const paths = new Set(listed.map((port) => port.path));
  return [...listed, ...linked.filter((candidate) => !paths.has(candidate.path))];
}
