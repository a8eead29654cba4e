import { describe, expect, it } from 'vitest';
import type { Message, Packet } from '../../../src/firmware-protocol/index.js';
import {
  cobsDecode,
  cobsEncode,
  crc16,
  decodeBody,
  encodePacket,
  PacketStreamDecoder,
} from '../../../src/firmware-protocol/index.js';
import { fromHex, loadGoldenVectors, messageAsJson, toHex } from './golden-vectors.js';

const vectors = loadGoldenVectors();

/** The vector's message with hex strings turned back into bytes where the message carries bytes. */
function messageFromJson(json: Record<string, unknown>): Message {
  const out: Record<string, unknown> = { ...json };
  for (const key of ['pixels', 'data'])
    if (typeof out[key] === 'string') out[key] = fromHex(out[key] as string);
  return out as unknown as Message;
}

describe('golden vectors: CRC-16/CCITT-FALSE', () => {
  it.each(vectors.crc16)('$name', ({ hex, crc }) => {
    expect(crc16(fromHex(hex))).toBe(crc);
  });
});

describe('golden vectors: COBS', () => {
  it.each(vectors.cobs)('$decoded', ({ decoded, encoded }) => {
    expect(toHex(cobsEncode(fromHex(decoded)))).toBe(encoded);
    const back = cobsDecode(fromHex(encoded));
    expect(back.ok && toHex(back.value)).toBe(decoded);
  });
});

describe('golden vectors: packets', () => {
  it('covers every message type and every program op', () => {
    const types = new Set(vectors.packets.map((vector) => vector.message.type));
    expect([...types].sort()).toEqual(
      [
        'ack',
        'blackout',
        'caps',
        'config',
        'error',
        'frame',
        'hello',
        'ping',
        'pong',
        'program',
        'status',
      ].sort(),
    );
    const ops = vectors.packets.filter((v) => v.message.type === 'program').map((v) => v.message.op);
    expect(ops.sort()).toEqual(['arm', 'begin', 'chunk', 'commit', 'disarm']);
  });

  it.each(vectors.packets)('encodes $name', ({ seq, prop, message, wire }) => {
    const packet: Packet = { seq, prop, message: messageFromJson(message) };
    expect(toHex(encodePacket(packet))).toBe(wire);
  });

  it.each(vectors.packets)('decodes $name', ({ seq, prop, message, wire }) => {
    const bytes = fromHex(wire);
    const body = cobsDecode(bytes.subarray(0, bytes.length - 1));
    if (!body.ok) throw new Error(body.fault.message);
    const decoded = decodeBody(body.value);
    if (!decoded.ok) throw new Error(decoded.fault.message);
    expect(decoded.value.seq).toBe(seq);
    expect(decoded.value.prop).toBe(prop);
    expect(messageAsJson(decoded.value.message)).toEqual(message);
  });

  it('decodes every vector from one stream fed a byte at a time, after leading garbage', () => {
    const stream = new PacketStreamDecoder();
    const results = [...fromHex('55aa13')].flatMap((byte) => stream.push(Uint8Array.of(byte)));
    results.push(...stream.push(Uint8Array.of(0)));
    expect(results).toHaveLength(1); // the garbage before the first delimiter is refused, not silently taken
    expect(results[0]?.ok).toBe(false);
    const all = vectors.packets.flatMap((vector) => [...fromHex(vector.wire)]);
    const decoded = all.flatMap((byte) => stream.push(Uint8Array.of(byte)));
    expect(
      decoded.map((result) => (result.ok ? messageAsJson(result.value.message) : result.fault.message)),
    ).toEqual(vectors.packets.map((vector) => vector.message));
  });
});

describe('golden vectors: refusals', () => {
  it.each(vectors.invalid)('refuses $name with $error and a message', ({ wire, error }) => {
    const [result, ...rest] = new PacketStreamDecoder().push(fromHex(wire));
    expect(rest).toHaveLength(0);
    expect(result?.ok).toBe(false);
    if (result?.ok === false) {
      expect(result.fault.code).toBe(error);
      expect(result.fault.message.length).toBeGreaterThan(10);
    }
  });
});
