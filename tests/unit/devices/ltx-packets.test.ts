import { describe, expect, it } from 'vitest';
import {
  brightnessPacket,
  liveColourPacket,
  programUploadBytes,
} from '../../../src/devices/ltx/ltx-packets.js';

// Expected bytes are written out from shared/spec/prg-format.md, not computed by the code under test.
describe('LTX packets', () => {
  it('live colour is 42, seven zeros, 0A, R, G, B', () => {
    expect([...liveColourPacket(0x12, 0xab, 0xff)]).toEqual([
      0x42, 0, 0, 0, 0, 0, 0, 0, 0x0a, 0x12, 0xab, 0xff,
    ]);
  });

  it('brightness is 42, seven zeros, 10, B', () => {
    expect([...brightnessPacket(200)]).toEqual([0x42, 0, 0, 0, 0, 0, 0, 0, 0x10, 200]);
  });

  it('upload header carries size, nonce, 20 00 00, 00, the name and a NUL before the program', () => {
    const prg = Uint8Array.of(0x50, 0x52, 0x03, 0x49, 0x4e);
    const bytes = programUploadBytes(prg, 'ab.prg', Uint8Array.of(9, 8, 7, 6));
    expect([...bytes]).toEqual([
      0, 0, 0, 0, 5, 0, 0, 0, 9, 8, 7, 6, 0x20, 0, 0, 0, 0x61, 0x62, 0x2e, 0x70, 0x72, 0x67, 0, 0x50, 0x52,
      0x03, 0x49, 0x4e,
    ]);
  });

  it('rejects what the ball cannot take, with the reason', () => {
    expect(() => liveColourPacket(256, 0, 0)).toThrow(/red must be a whole number 0\.\.255, got 256/);
    expect(() => liveColourPacket(1.5, 0, 0)).toThrow(/red/);
    expect(() => programUploadBytes(Uint8Array.of(1), 'bad\u0000name', Uint8Array.of(1, 2, 3, 4))).toThrow(
      /printable ASCII/,
    );
    expect(() => programUploadBytes(Uint8Array.of(1), 'é.prg', Uint8Array.of(1, 2, 3, 4))).toThrow(
      /printable ASCII/,
    );
    expect(() => programUploadBytes(new Uint8Array(0), 'a.prg', Uint8Array.of(1, 2, 3, 4))).toThrow(/empty/);
    expect(() => programUploadBytes(Uint8Array.of(1), 'a.prg', Uint8Array.of(1, 2))).toThrow(
      /nonce must be 4/,
    );
  });
});
