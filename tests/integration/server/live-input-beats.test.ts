// Live musicians: the daemon listens to a live input (here a generated 120 BPM drum recording played in at
// real-time pace through ffmpeg, the rehearsal stand-in for line-in) and every controller hears its beats as
// they come, with tempo and confidence; the show's own grid, which says nothing about the band, stays quiet.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BeatEvent, LiveInputState } from '../../../src/contracts/index.js';
import { encodeWav } from '../../../src/server/demo/wav-encoder.js';
import {
  connectSocket,
  controller,
  request,
  type ControllerMirror,
} from '../../support/controller-client.js';
import { generateSong } from '../../support/test-audio/generate-song.js';
import { songCatalogue } from '../../support/test-audio/song-recipe.js';
import { startTestDaemon, TEST_TOKEN, type TestDaemon } from '../../support/test-daemon.js';
import { postVoice } from '../../support/voice/recordings.js';
import { speakBytes } from '../../support/voice/speak.js';
import { until } from '../../support/wait.js';

/** The live input's state as a controller connecting now is told it. */
const inputStateOnConnect = async (daemon: TestDaemon): Promise<LiveInputState> => {
  let state: LiveInputState | undefined;
  const socket = await connectSocket(
    daemon.baseUrl,
    { token: TEST_TOKEN },
    { listen: (listening) => listening.on('live-input:state', (received) => (state = received)) },
  );
  try {
    await until(() => state !== undefined, 'the live input state');
    return state as LiveInputState;
  } finally {
    socket.close();
  }
};

describe('live beats from a live input', () => {
  let folder: string;
  let test: TestDaemon;
  let client: ControllerMirror;
  const beats: BeatEvent[] = [];
  let recording: string;

  beforeAll(async () => {
    const recipe = songCatalogue(8).find((candidate) => candidate.name === 'drums-128');
    const song = await generateSong(recipe as NonNullable<typeof recipe>);
    folder = await mkdtemp(join(tmpdir(), 'smlive-live-input-'));
    recording = join(folder, 'band.wav');
    await writeFile(recording, encodeWav(song.channels, song.sampleRate));
    test = await startTestDaemon({ liveInput: recording });
    client = await controller(test.baseUrl, TEST_TOKEN);
    client.socket.on('transport:beat', (beat: BeatEvent) => beats.push(beat));
  });

  afterAll(async () => {
    client?.socket.close();
    await test?.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('tells each controller that it is listening, and to what', async () => {
    expect(await inputStateOnConnect(test)).toMatchObject({
      source: recording,
      status: 'listening',
      problem: null,
    });
  });

  it('sends each heard beat to the controllers with the tempo, and no grid beats', async () => {
    // The show plays too (the demo has a grid): only the band's beats go out.
    expect(await request(client.socket, 'transport:play', { from: 0 })).toEqual({ ok: true });
    await until(() => beats.length >= 8, 'eight heard beats', 12_000);
    expect(beats.every((beat) => beat.source === 'live')).toBe(true);
    const settled = beats.slice(2);
    expect(settled.every((beat) => Math.abs((beat.bpm ?? 0) - 128) < 3)).toBe(true);
    // Announced once per beat: the gaps between announcements are the beat period, give or take the
    // event loop (ffmpeg delivers the recording in real time).
    const gaps = settled.slice(1).map((beat, index) => beat.sentAt - (settled[index] as BeatEvent).sentAt);
    const sorted = [...gaps].sort((a, b) => a - b);
    expect(Math.abs((sorted[Math.floor(sorted.length / 2)] as number) - 60_000 / 128)).toBeLessThan(40);
    expect(settled.at(-1)?.confidence).toBeGreaterThan(0.5);
    // Heard beats are placed on the playing show's timeline, ahead of the playhead when announced.
    const times = settled.map((beat) => beat.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  }, 30_000);

  it('counts "for eight beats" in the band’s beats, not the show grid’s', async () => {
    await until(() => beats.length >= 8, 'the band’s tempo', 12_000);
    const wav = await speakBytes('ball two red for eight beats', { voice: 'en-us' });
    const reply = await postVoice(test.daemon.httpsUrl, TEST_TOKEN, wav);
    expect(reply.lines.map((line) => line['state'])).toEqual(['heard', 'applied']);
    const ball = test.daemon.session.show.props.find((prop) => prop.id === 'ball-2');
    const red = ball?.segments.find(
      (segment) => segment.look.kind === 'solid' && segment.look.color.join() === '255,0,0',
    );
    if (red === undefined) throw new Error('no red segment on ball-2');
    // Eight beats at the band's 128 BPM (3.75 s), where the demo show's own grid is 120 BPM (4 s).
    expect(red.end - red.start).toBeCloseTo((8 * 60) / 128, 1);
  }, 30_000);
});

describe('a live input that cannot be opened', () => {
  it('is named in the log and the show plays on without live beats', async () => {
    const test = await startTestDaemon({ liveInput: 'alsa:no-such-card' });
    try {
      await until(
        () => test.log.some((line) => /live beats: .*no-such-card.*the show goes on/.test(line)),
        'the capture failure in the log',
        10_000,
      );
      // A controller connecting later still learns why there are no live beats.
      const state = await inputStateOnConnect(test);
      expect(state.status).toBe('failed');
      expect(state.problem).toMatch(/no-such-card/);
      const client = await controller(test.baseUrl, TEST_TOKEN);
      expect(await request(client.socket, 'transport:play', { from: 0 })).toEqual({ ok: true });
      const start = test.daemon.clock.now();
      await until(() => test.daemon.clock.now() > start + 0.3, 'the show to play on');
      client.socket.close();
    } finally {
      await test.stop();
    }
  }, 30_000);
});
