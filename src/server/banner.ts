// What the daemon prints when it is up: where to point a tablet, the pairing codes, and a QR code that
// opens the controller already paired.
import qrcode from 'qrcode-terminal';
import { PAIR_QUERY_PARAM } from '../contracts/index.js';
import type { Daemon } from './daemon.js';

function withPairing(url: string, code: string): string {
  return `${url}?${PAIR_QUERY_PARAM}=${code}`;
}

export function renderQr(text: string): Promise<string> {
  return new Promise((resolve) => qrcode.generate(text, { small: true }, resolve));
}

export async function banner(daemon: Daemon, options: { qr: boolean }): Promise<string> {
  const { operatorCode, viewerCode } = daemon.pairing;
  const show = daemon.session.show;
  const lines = [
    `Sequence Maker Live: "${show.name}" (${show.props.length} props, ${daemon.devices.states().length} links)`,
    '',
    `  this machine:  ${daemon.httpUrl}`,
    ...daemon.lanUrls.map((url) => `  on the LAN:    ${url}   (self-signed: accept the certificate once)`),
    `  also:          ${daemon.httpsUrl}`,
    '',
    `  pairing code (operator): ${operatorCode}`,
    `  pairing code (viewer):   ${viewerCode}`,
  ];
  const target = daemon.lanUrls[0] ?? daemon.httpUrl;
  if (options.qr) {
    lines.push('', `  scan to open ${target} paired as operator:`, '');
    lines.push(await renderQr(withPairing(target, operatorCode)));
  }
  lines.push('Ctrl+C stops the show (props go dark first).');
  return lines.join('\n');
}
