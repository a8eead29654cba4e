// The HTTPS certificate: made on first run (self-signed; phones only give a page the microphone over HTTPS)
// and kept in the data dir, so a tablet that trusted it once keeps trusting it.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

export interface TlsCertificate {
  readonly key: string;
  readonly cert: string;
  /** Whether it was made just now. */
  readonly created: boolean;
}

const KEY_FILE = 'tls-key.pem';
const CERT_FILE = 'tls-cert.pem';
const VALID_YEARS = 10;

export async function loadOrCreateCertificate(
  dataDir: string,
  addresses: readonly string[],
): Promise<TlsCertificate> {
  const keyPath = join(dataDir, KEY_FILE);
  const certPath = join(dataDir, CERT_FILE);
  try {
    const [key, cert] = await Promise.all([readFile(keyPath, 'utf8'), readFile(certPath, 'utf8')]);
    if (key.includes('PRIVATE KEY') && cert.includes('CERTIFICATE')) return { key, cert, created: false };
  } catch {
    // Not made yet (or half made): make a new one below.
  }
  const notBeforeDate = new Date();
  const notAfterDate = new Date(notBeforeDate);
  notAfterDate.setFullYear(notAfterDate.getFullYear() + VALID_YEARS);
  const host = hostname();
  // Loaded only when a certificate is made: the library takes a noticeable part of a second to load.
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: `smlive ${host}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 2, value: host },
          { type: 2, value: `${host}.local` },
          { type: 7, ip: '127.0.0.1' },
          ...addresses.map((ip) => ({ type: 7 as const, ip })),
        ],
      },
    ],
  });
  await mkdir(dataDir, { recursive: true });
  await writeFile(`${keyPath}.tmp`, pems.private, { mode: 0o600 });
  await writeFile(`${certPath}.tmp`, pems.cert);
  await rename(`${keyPath}.tmp`, keyPath);
  await rename(`${certPath}.tmp`, certPath);
  return { key: pems.private, cert: pems.cert, created: true };
}
