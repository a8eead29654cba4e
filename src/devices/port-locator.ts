// Where a serial device is right now. Asked afresh on every connection attempt, because a replugged
// device can come back under another /dev/tty name; null means "not plugged in".
import { existsSync } from 'node:fs';

export type PortLocator = () => Promise<string | null>;

/** A fixed path (a by-id link, a udev name, a pty in tests): present while the path exists. */
export function fixedPort(path: string): PortLocator {
  return () => Promise.resolve(existsSync(path) ? path : null);
}
