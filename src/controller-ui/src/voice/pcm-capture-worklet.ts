// The AudioWorklet that records hold-to-talk: mixes the microphone to mono, brings it to 16 kHz (box
// filter and decimation, when the context could not be opened at 16 kHz) and posts 16-bit chunks with
// their level, about ten times a second. Loaded from a Blob URL, so it needs no file of its own.
export const PCM_CAPTURE_PROCESSOR = 'smlive-pcm-capture';

export const PCM_CAPTURE_SOURCE = `
class PcmCapture extends AudioWorkletProcessor {
  constructor() {
    super();
    this.step = sampleRate / 16000;
    this.phase = 0;
    this.sum = 0;
    this.count = 0;
    this.chunk = new Int16Array(1600);
    this.length = 0;
    this.energy = 0;
    this.frames = 0;
    this.port.onmessage = (event) => {
      if (event.data === 'flush') {
        this.flush();
        this.port.postMessage({ done: true });
      }
    };
  }
  flush() {
    this.port.postMessage({ pcm: this.chunk.slice(0, this.length), level: Math.sqrt(this.energy / Math.max(1, this.frames)) });
    this.length = 0;
    this.energy = 0;
    this.frames = 0;
  }
  process(inputs) {
    const input = inputs[0];
    if (!input || input.length === 0) return true;
    const frames = input[0].length;
    for (let i = 0; i < frames; i++) {
      let sample = 0;
      for (let c = 0; c < input.length; c++) sample += input[c][i];
      sample /= input.length;
      this.energy += sample * sample;
      this.frames += 1;
      this.sum += sample;
      this.count += 1;
      this.phase += 1;
      if (this.phase >= this.step) {
        this.phase -= this.step;
        const value = this.sum / this.count;
        this.sum = 0;
        this.count = 0;
        this.chunk[this.length++] = Math.max(-32768, Math.min(32767, Math.round(value * 32767)));
        if (this.length === this.chunk.length) this.flush();
      }
    }
    return true;
  }
}
registerProcessor('${'smlive-pcm-capture'}', PcmCapture);
`;
