// Hold-to-talk recording: microphone → AudioWorklet → 16 kHz mono 16-bit PCM → a WAV file on release.
import { PCM_CAPTURE_PROCESSOR, PCM_CAPTURE_SOURCE } from './pcm-capture-worklet.js';

const SPEECH_RATE = 16_000;

export class VoiceRecorder {
  private context: AudioContext | null = null;
  private stream: MediaStream | null = null;
  private node: AudioWorkletNode | null = null;
  private chunks: Int16Array[] = [];
  private stopped = false;

  /** Opens the microphone (the browser asks the first time) and starts recording. */
  async start(onLevel: (level: number) => void): Promise<void> {
    if (!navigator.mediaDevices?.getUserMedia) {
      throw new Error('this page cannot use the microphone: open the controller over HTTPS (see the README)');
    }
    this.stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    });
    if (this.stopped) return this.release();
    // 16 kHz straight from the browser where it can; the worklet decimates when it cannot.
    let context: AudioContext;
    try {
      context = new AudioContext({ sampleRate: SPEECH_RATE });
    } catch {
      context = new AudioContext();
    }
    this.context = context;
    const url = URL.createObjectURL(new Blob([PCM_CAPTURE_SOURCE], { type: 'application/javascript' }));
    try {
      await context.audioWorklet.addModule(url);
    } finally {
      URL.revokeObjectURL(url);
    }
    const source = context.createMediaStreamSource(this.stream);
    const node = new AudioWorkletNode(context, PCM_CAPTURE_PROCESSOR, { numberOfOutputs: 0 });
    node.port.onmessage = (event: MessageEvent<{ pcm?: Int16Array; level?: number }>) => {
      if (event.data.pcm) this.chunks.push(event.data.pcm);
      if (event.data.level !== undefined) onLevel(event.data.level);
    };
    source.connect(node);
    this.node = node;
    if (context.state === 'suspended') await context.resume();
  }

  /** Ends the recording and returns it as a WAV file. */
  async finish(): Promise<Uint8Array<ArrayBuffer>> {
    this.stopped = true;
    const node = this.node;
    if (node) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 500);
        node.port.addEventListener('message', (event: MessageEvent<{ done?: boolean }>) => {
          if (event.data.done) {
            clearTimeout(timer);
            resolve();
          }
        });
        node.port.postMessage('flush');
      });
    }
    await this.release();
    return wavOf(this.chunks);
  }

  /** Drops the recording (slid off the button). */
  async cancel(): Promise<void> {
    this.stopped = true;
    this.chunks = [];
    await this.release();
  }

  private async release(): Promise<void> {
    this.node?.disconnect();
    this.node = null;
    this.stream?.getTracks().forEach((track) => track.stop());
    this.stream = null;
    const context = this.context;
    this.context = null;
    if (context && context.state !== 'closed') await context.close();
  }
}

function wavOf(chunks: readonly Int16Array[]): Uint8Array<ArrayBuffer> {
  const samples = chunks.reduce((total, chunk) => total + chunk.length, 0);
  const bytes = new Uint8Array(44 + samples * 2);
  const view = new DataView(bytes.buffer);
  const text = (at: number, value: string) =>
    [...value].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, SPEECH_RATE, true);
  view.setUint32(28, SPEECH_RATE * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, samples * 2, true);
  let at = 44;
  for (const chunk of chunks) {
    for (const sample of chunk) {
      view.setInt16(at, sample, true);
      at += 2;
    }
  }
  return bytes;
}
