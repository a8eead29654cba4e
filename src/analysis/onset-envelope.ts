// Turns raw spectral flux into the envelope the tempo and beat stages read: the local mean is removed (a
// sustained texture is not an onset) and each part is scaled by its own level over a few seconds, so a quiet
// intro carries its beats as clearly as the chorus does.

export function normaliseOnsetEnvelope(strength: Float32Array, frameRate: number): Float32Array {
  const radius = Math.max(1, Math.round(frameRate * 0.4));
  const output = new Float32Array(strength.length);
  // Running sums give the local mean in O(n).
  const prefix = new Float64Array(strength.length + 1);
  for (let index = 0; index < strength.length; index += 1)
    prefix[index + 1] = (prefix[index] as number) + (strength[index] as number);
  for (let index = 0; index < strength.length; index += 1) {
    const from = Math.max(0, index - radius);
    const to = Math.min(strength.length, index + radius + 1);
    const mean = ((prefix[to] as number) - (prefix[from] as number)) / (to - from);
    output[index] = Math.max(0, (strength[index] as number) - mean);
  }
  const squares = new Float64Array(output.length + 1);
  for (let index = 0; index < output.length; index += 1)
    squares[index + 1] = (squares[index] as number) + (output[index] as number) ** 2;
  const globalLevel = Math.sqrt((squares[output.length] as number) / Math.max(1, output.length)) || 1;
  const levelRadius = Math.round(frameRate * 3);
  const scaled = new Float32Array(output.length);
  for (let index = 0; index < output.length; index += 1) {
    const from = Math.max(0, index - levelRadius);
    const to = Math.min(output.length, index + levelRadius + 1);
    const local = Math.sqrt(((squares[to] as number) - (squares[from] as number)) / (to - from));
    // The floor keeps silence and faint noise from being blown up into beats.
    scaled[index] = (output[index] as number) / Math.max(local, 0.1 * globalLevel);
  }
  return scaled;
}
