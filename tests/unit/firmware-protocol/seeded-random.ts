// A small seeded generator (xorshift32) so a fuzz failure can be replayed from its seed.
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }

  below(limit: number): number {
    return this.next() % limit;
  }

  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let index = 0; index < length; index += 1) out[index] = this.next() & 0xff;
    return out;
  }
}

/** One random mutation of `input`: bit flip, byte set, insert, delete, truncate, duplicate a slice, or zero. */
export function mutate(input: Uint8Array, random: SeededRandom): Uint8Array {
  const bytes = [...input];
  const at = bytes.length === 0 ? 0 : random.below(bytes.length);
  switch (random.below(7)) {
    case 0:
      if (bytes.length > 0) bytes[at] = (bytes[at] as number) ^ (1 << random.below(8));
      break;
    case 1:
      if (bytes.length > 0) bytes[at] = random.below(256);
      break;
    case 2:
      bytes.splice(at, 0, random.below(256));
      break;
    case 3:
      bytes.splice(at, 1 + random.below(4));
      break;
    case 4:
      bytes.length = at;
      break;
    case 5:
      bytes.splice(at, 0, ...bytes.slice(random.below(bytes.length + 1), random.below(bytes.length + 1)));
      break;
    default:
      if (bytes.length > 0) bytes[at] = 0;
  }
  return Uint8Array.from(bytes);
}
