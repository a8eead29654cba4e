// The daemon's voice route, for real: espeak-ng speech posted over HTTPS (self-signed) and localhost HTTP
// by a paired operator, recognized by pocketsphinx with the demo show's grammar, applied through the show
// session. Bad recordings get a clear message and leave the show as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LLMock } from '@copilotkit/aimock';
import { connectSocket } from '../../support/controller-client.js';
import { startAimock } from '../../support/llm-servers.js';
import { startTestDaemon, TEST_TOKEN, type TestDaemon } from '../../support/test-daemon.js';
import { adpcmWav, clippedWav, noiseWav, postVoice, silenceWav } from '../../support/voice/recordings.js';
import { speakBytes } from '../../support/voice/speak.js';

let daemon: TestDaemon;
let mock: LLMock;

beforeAll(async () => {
  daemon = await startTestDaemon();
  mock = await startAimock();
}, 60_000);

afterAll(async () => {
  await daemon?.stop();
  await mock?.stop();
});

function segmentAt(propId: string, time: number) {
  const prop = daemon.daemon.session.show.props.find((candidate) => candidate.id === propId);
  return prop?.segments.find((segment) => segment.start <= time && time < segment.end);
}

async function configure(change: Record<string, unknown>): Promise<void> {
  const response = await fetch(new URL('/api/voice/settings', daemon.baseUrl), {
    method: 'PUT',
    headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(change),
  });
  expect(response.status).toBe(200);
}

describe('voice route', () => {
  it('over HTTPS: says the words at once, then applies the command as one checkpoint with the words', async () => {
    const wav = await speakBytes('ball two red for eight beats', { voice: 'en-us' });
    const before = daemon.daemon.session.revision;
    // Another controller sees the same steps over its socket.
    const seen: string[] = [];
    const watcher = await connectSocket(
      daemon.baseUrl,
      { token: TEST_TOKEN },
      {
        listen: (socket) =>
          socket.on('voice:status', (status) => seen.push(`${status.state} ${status.text}`)),
      },
    );
    const reply = await postVoice(daemon.daemon.httpsUrl, TEST_TOKEN, wav);
    expect(reply.status).toBe(200);
    expect(reply.lines.map((line) => line['state'])).toEqual(['heard', 'applied']);
    expect(reply.lines[0]?.['text']).toBe('ball two red for eight beats');
    expect(reply.lines[0]?.['route']).toBe('fast');
    // The demo clock is paused at 0: the change starts on the first beat past the devices' lookahead.
    const segment = segmentAt('ball-2', 1);
    expect(segment?.look).toEqual({ kind: 'solid', color: [255, 0, 0] });
    expect(segment?.start).toBe(0.5);
    expect(segment?.end).toBe(4.5);
    expect(daemon.daemon.session.revision).toBe(before + 1);
    const checkpoint = daemon.daemon.session.history().checkpoints.at(-1);
    expect(checkpoint?.author).toBe('operator');
    expect(checkpoint?.label).toBe('voice: “ball two red for eight beats”');
    await new Promise((resolve) => setTimeout(resolve, 200));
    watcher.close();
    expect(seen).toEqual([
      'recognizing ',
      'heard ball two red for eight beats',
      'applied ball two red for eight beats',
    ]);
  }, 60_000);

  it('undo by voice over localhost HTTP', async () => {
    const before = daemon.daemon.session.revision;
    const reply = await postVoice(daemon.baseUrl, TEST_TOKEN, await speakBytes('undo', { voice: 'en-gb' }));
    expect(reply.lines.at(-1)?.['state']).toBe('applied');
    expect(daemon.daemon.session.revision).toBe(before + 1);
    expect(segmentAt('ball-2', 1)?.look.kind).not.toBe('solid');
  }, 60_000);

  it('refuses a request without a session token', async () => {
    const reply = await postVoice(daemon.baseUrl, null, silenceWav());
    expect(reply.status).toBe(401);
  });

  const badInputs: [string, () => Uint8Array, string, number][] = [
    ['an empty upload', () => new Uint8Array(), 'empty', 400],
    [
      'bytes that are not a WAV',
      () => new TextEncoder().encode('ID3\u0003 this is an mp3, honest'),
      'unsupported-format',
      400,
    ],
    ['a compressed WAV', adpcmWav, 'unsupported-format', 400],
    ['silence', () => silenceWav(), 'silence', 400],
    ['steady noise and no speech', () => noiseWav(), 'no-speech', 400],
    ['a clipped recording', () => clippedWav(), 'clipped', 400],
    ['a recording of 20 s', () => noiseWav(20), 'too-long', 400],
    ['a click of 50 ms', () => noiseWav(0.05), 'too-short', 400],
  ];
  for (const [name, make, problem, status] of badInputs) {
    it(`${name}: "${problem}" with a message, and the show is unchanged`, async () => {
      const before = daemon.daemon.session.revision;
      const show = daemon.daemon.session.show;
      const reply = await postVoice(daemon.baseUrl, TEST_TOKEN, make());
      expect(reply.status).toBe(status);
      expect(reply.lines).toHaveLength(1);
      expect(reply.lines[0]).toMatchObject({ state: 'failed', problem });
      expect(String(reply.lines[0]?.['message'])).toMatch(/nothing changed/);
      expect(daemon.daemon.session.revision).toBe(before);
      expect(daemon.daemon.session.show).toBe(show);
    });
  }

  it('tap mode: the words wait for the tap, and a cancel changes nothing', async () => {
    await configure({ send: 'tap' });
    try {
      const wav = await speakBytes('flash ball one blue', { voice: 'en-us' });
      const before = daemon.daemon.session.revision;
      let decision: Promise<Response> | null = null;
      const reply = await postVoice(daemon.baseUrl, TEST_TOKEN, wav, (line) => {
        if (line['state'] !== 'waiting-for-tap') return;
        expect(daemon.daemon.session.revision).toBe(before);
        decision = fetch(new URL('/api/voice/decision', daemon.baseUrl), {
          method: 'POST',
          headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ requestId: line['requestId'], send: false }),
        });
      });
      expect((await (decision as Promise<Response> | null))?.status).toBe(200);
      expect(reply.lines.map((line) => line['state'])).toEqual(['waiting-for-tap', 'cancelled']);
      expect(daemon.daemon.session.revision).toBe(before);
    } finally {
      await configure({ send: 'auto' });
    }
  }, 60_000);

  it('an OpenAI-compatible transcription server (aimock on loopback) feeds the same fast path', async () => {
    mock.onTranscription({ transcription: { text: 'Ball 1, green for 4 beats.' } });
    await configure({
      engine: 'openai',
      transcriptionUrl: `${mock.url}/v1`,
      transcriptionModel: 'whisper-test',
    });
    try {
      const wav = await speakBytes('ball one green for four beats', { voice: 'en-us' });
      const reply = await postVoice(daemon.baseUrl, TEST_TOKEN, wav);
      expect(reply.lines[0]).toMatchObject({
        state: 'heard',
        text: 'ball one green for four beats',
        route: 'fast',
      });
      expect(reply.lines.at(-1)?.['state']).toBe('applied');
      expect(segmentAt('ball-1', 1)?.look).toEqual({ kind: 'solid', color: [0, 255, 0] });
      const requests = mock.getRequests().filter((entry) => entry.path.includes('/audio/transcriptions'));
      expect(requests.at(-1)?.body).toMatchObject({ model: 'whisper-test' });
    } finally {
      await configure({ engine: 'pocketsphinx' });
    }
  }, 60_000);

  it('a transcription server that is not there: "recognizer-missing", nothing changed', async () => {
    await configure({ engine: 'openai', transcriptionUrl: 'http://127.0.0.1:9/v1' });
    try {
      const before = daemon.daemon.session.revision;
      const reply = await postVoice(daemon.baseUrl, TEST_TOKEN, await speakBytes('undo', { voice: 'en-us' }));
      expect(reply.status).toBe(503);
      expect(reply.lines[0]).toMatchObject({ state: 'failed', problem: 'recognizer-missing' });
      expect(daemon.daemon.session.revision).toBe(before);
    } finally {
      await configure({ engine: 'pocketsphinx' });
    }
  }, 60_000);
});
