import { networkInterfaces } from 'node:os';

/** This machine's IPv4 addresses on the local network (not loopback), for the URLs and the certificate. */
export function lanAddresses(): string[] {
  const found: string[] = [];
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (entry.family === 'IPv4' && !entry.internal) found.push(entry.address);
    }
  }
  return found;
}
