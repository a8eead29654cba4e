// The decoders meet whatever a noisy or hostile link delivers: they must never throw, hang or accept a
// body they would not produce themselves. The firmware's decoder gets the same treatment under
// AddressSanitizer in tests/hardware/firmware-host.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Packet, PacketDecodeResult } from '../../../src/firmware-protocol/index.js';
import {
  cobsDecode,
  cobsEncode,
  decodeBody,
  encodeBody,
  encodePacket,
  PacketStreamDecoder,
} from '../../../src/firmware-protocol/index.js';
import { fromHex, loadGoldenVectors, toHex } from './golden-vectors.js';
import { mutate, SeededRandom } from './seeded-random.js';

const INPUTS = 100_000;
const seeds = loadGoldenVectors().packets.map((vector) => fromHex(vector.wire));

/** An accepted body must be exactly what the encoder makes of the decoded packet: nothing is lost or invented. */
function checkCanonical(body: Uint8Array, result: PacketDecodeResult): void {
  if (result.ok) {
    expect(toHex(encodeBody(result.value))).toBe(toHex(body));
  } else {
    expect(result.fault.message).toMatch(/\w/);
  }
}

describe('decoder fuzz (seeded; replay a failure with its seed)', () => {
  it(`survives ${INPUTS} random and mutated inputs`, () => {
    const random = new SeededRandom(0xc0ffee);
    const stream = new PacketStreamDecoder();
    let accepted = 0;
    let refused = 0;
    for (let round = 0; round < INPUTS; round += 1) {
      const input =
        round % 4 === 0
          ? random.bytes(random.below(300))
          : mutate(mutate(seeds[random.below(seeds.length)] as Uint8Array, random), random);
      // Straight to the body decoder, as the firmware sees it after COBS.
      checkCanonical(input, decodeBody(input));
      // Through COBS and the stream, split at random points.
      let offset = 0;
      while (offset < input.length) {
        const size = 1 + random.below(64);
        for (const result of stream.push(input.subarray(offset, offset + size))) {
          if (result.ok) accepted += 1;
          else refused += 1;
        }
        offset += size;
      }
      const block = cobsDecode(input.subarray(0, Math.max(0, input.indexOf(0))));
      if (block.ok) checkCanonical(block.value, decodeBody(block.value));
    }
    // Some mutations leave a packet intact (a delete past its end, a truncation after it); both outcomes
    // must occur or the fuzz is not reaching the message decoders.
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(10_000);
  });

  it('recovers after garbage: the next intact packet decodes', () => {
    const random = new SeededRandom(7);
    const good = encodePacket({ seq: 1, prop: 0, message: { type: 'ping', echo: 42 } });
    for (let round = 0; round < 2000; round += 1) {
      const stream = new PacketStreamDecoder();
      stream.push(random.bytes(random.below(3000)));
      const results = stream.push(Uint8Array.of(0, ...good));
      const last = results[results.length - 1];
      expect(last?.ok && last.value.message).toEqual({ type: 'ping', echo: 42 });
    }
  });
});

describe('round trip (fast-check)', () => {
  const u32 = fc.integer({ min: 0, max: 0xffffffff });
  const packetArbitrary: fc.Arbitrary<Packet> = fc.record({
    seq: fc.integer({ min: 0, max: 0xffff }),
    prop: fc.integer({ min: 0, max: 0xff }),
    message: fc.oneof(
      fc.record({
        type: fc.constant('frame' as const),
        showAt: u32,
        pixels: fc
          .integer({ min: 1, max: 300 })
          .chain((n) => fc.uint8Array({ minLength: 3 * n, maxLength: 3 * n })),
      }),
      fc.record({ type: fc.constant('pong' as const), echo: u32, deviceRxTicks: u32, deviceTxTicks: u32 }),
      fc.record({ type: fc.constant('ping' as const), echo: u32 }),
      fc.record({
        type: fc.constant('program' as const),
        op: fc.constant('chunk' as const),
        offset: fc.integer({ min: 0, max: 0xffff }),
        data: fc.uint8Array({ minLength: 1, maxLength: 512 }),
      }),
    ),
  });

  it('decode(encode(packet)) is the packet, through COBS', () => {
    fc.assert(
      fc.property(packetArbitrary, (packet) => {
        const wire = encodePacket(packet);
        expect(wire.indexOf(0)).toBe(wire.length - 1);
        const [result] = new PacketStreamDecoder().push(wire);
        expect(result?.ok && result.value).toEqual(packet);
      }),
      { numRuns: 500 },
    );
  });

  it('COBS decode inverts encode for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1200 }), (data) => {
        const decoded = cobsDecode(cobsEncode(data));
        expect(decoded.ok && toHex(decoded.value)).toBe(toHex(data));
      }),
      { numRuns: 1000 },
    );
  });
});
