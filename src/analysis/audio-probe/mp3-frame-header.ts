// MPEG audio frame headers (layers I–III, MPEG 1/2/2.5): enough to walk a stream frame by frame.

export interface Mp3FrameHeader {
  readonly version: 1 | 2 | 2.5;
  readonly layer: 1 | 2 | 3;
  readonly sampleRate: number;
  readonly channels: 1 | 2;
  /** Bytes in the whole frame, header included. */
  readonly length: number;
  readonly samplesPerFrame: number;
}

// kbit/s by bitrate index 1..14 (0 = free format, 15 = invalid; neither is supported here).
const BITRATES: Record<string, readonly number[]> = {
  v1l1: [32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  v1l2: [32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  v1l3: [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2l1: [32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  v2l23: [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const MPEG1_RATES = [44100, 48000, 32000];

/** The frame header at `offset`, or null when the bytes there are not one. */
export function readMp3FrameHeader(bytes: Uint8Array, offset: number): Mp3FrameHeader | null {
  if (offset + 4 > bytes.length) return null;
  const b1 = bytes[offset + 1] as number;
  const b2 = bytes[offset + 2] as number;
  const b3 = bytes[offset + 3] as number;
  if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) return null;
  const versionBits = (b1 >> 3) & 3;
  const layerBits = (b1 >> 1) & 3;
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  if (versionBits === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) {
    return null;
  }
  const version = versionBits === 3 ? 1 : versionBits === 2 ? 2 : 2.5;
  const layer = (4 - layerBits) as 1 | 2 | 3;
  const sampleRate = (MPEG1_RATES[rateIndex] as number) / (version === 1 ? 1 : version === 2 ? 2 : 4);
  const table = version === 1 ? `v1l${layer}` : layer === 1 ? 'v2l1' : 'v2l23';
  const bitrate = ((BITRATES[table] as readonly number[])[bitrateIndex - 1] as number) * 1000;
  const padding = (b2 >> 1) & 1;
  const channels = b3 >> 6 === 3 ? 1 : 2;
  if (layer === 1) {
    return {
      version,
      layer,
      sampleRate,
      channels,
      length: (Math.floor((12 * bitrate) / sampleRate) + padding) * 4,
      samplesPerFrame: 384,
    };
  }
  const samplesPerFrame = layer === 3 && version !== 1 ? 576 : 1152;
  const length = Math.floor((samplesPerFrame / 8) * (bitrate / sampleRate)) + padding;
  return { version, layer, sampleRate, channels, length, samplesPerFrame };
}
