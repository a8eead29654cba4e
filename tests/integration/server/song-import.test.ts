// A performer loads a new song into the running show from the controller: the real daemon (demo show, with
// its song) takes a generated song through the real import route, plays it, analyses it, sends the new
// waveform to a connected controller, and one undo of the import brings the old song back.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WaveformPeaksSchema, type AnalysisProgressEvent } from '../../../src/contracts/index.js';
import { AudioPlayback } from '../../../src/engine/audio-playback.js';
import { VirtualClock } from '../../../src/engine/virtual-clock.js';
import { demoShow } from '../../../src/server/demo/demo-show.js';
import { encodeWav } from '../../../src/server/demo/wav-encoder.js';
import { controller, pair, request, type ControllerMirror } from '../../support/controller-client.js';
import { generateSong } from '../../support/test-audio/generate-song.js';
import { songCatalogue } from '../../support/test-audio/song-recipe.js';
import { startTestDaemon, TEST_TOKEN, type TestDaemon } from '../../support/test-daemon.js';
import { until } from '../../support/wait.js';

let test: TestDaemon;
let client: ControllerMirror;
let wav: Buffer;
let songDuration: number;
let demo: { clockDuration: number; showDuration: number; waveformUrl: string | null | undefined };
const operator = { authorization: `Bearer ${TEST_TOKEN}` };

async function importFile(
  name: string,
  bytes: Uint8Array,
  headers: Record<string, string> = operator,
  daemon: TestDaemon = test,
) {
  const response = await fetch(new URL(`/api/import?filename=${encodeURIComponent(name)}`, daemon.baseUrl), {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/octet-stream' },
    body: Buffer.from(bytes),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** What must not move when an import is refused. */
function songState() {
  const { session, clock } = test.daemon;
  return { revision: session.revision, audio: session.show.audio, clockDuration: clock.state.duration };
}

beforeAll(async () => {
  const recipe = songCatalogue(8).find((candidate) => candidate.name === 'drums-128');
  const song = await generateSong(recipe as NonNullable<typeof recipe>);
  wav = encodeWav(song.channels, song.sampleRate);
  songDuration = (song.channels[0]?.length ?? 0) / song.sampleRate;
  test = await startTestDaemon();
  client = await controller(test.baseUrl, TEST_TOKEN);
  demo = {
    clockDuration: test.daemon.clock.state.duration,
    showDuration: test.daemon.session.show.duration,
    waveformUrl: client.snapshot?.media.waveformUrl,
  };
});

afterAll(async () => {
  client?.socket.close();
  await test?.stop();
});

describe('loading a song into the running show', () => {
  it('refuses a viewer, a corrupt file and a song while the music plays, and changes nothing', async () => {
    const before = songState();
    const viewer = await pair(test.baseUrl, test.daemon.pairing.viewerCode);
    expect((await importFile('new.wav', wav, { authorization: `Bearer ${viewer.token}` })).status).toBe(403);

    const corrupt = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4000, 7)]);
    const refused = await importFile('broken.wav', corrupt);
    expect(refused.status).toBe(400);
    const message = (refused.body.error as { message: string }).message;
    expect(message).toMatch(/^broken\.wav: /);
    expect(message).not.toContain('\n');

    expect(await request(client.socket, 'transport:play', {})).toEqual({ ok: true });
    const whilePlaying = await importFile('new.wav', wav);
    expect(whilePlaying.status).toBe(409);
    expect(whilePlaying.body.error).toMatchObject({ message: 'pause first: a new song would cut the music' });
    expect(await request(client.socket, 'transport:pause', {})).toEqual({ ok: true });
    expect(songState()).toEqual(before);
  });

  it('switches the show, the clock and the controllers to the new song in one checkpoint', async () => {
    const { session, clock } = test.daemon;
    const before = songState();
    const oldWaveform = client.snapshot?.media.waveformUrl;
    const progress: AnalysisProgressEvent[] = [];
    client.socket.on('analysis:progress', (step) => progress.push(step));
    const answer = await importFile('new song.wav', wav);
    expect(answer).toMatchObject({ status: 200, body: { ok: true, revision: before.revision + 1 } });

    const contentHash = createHash('sha256').update(wav).digest('hex');
    expect(session.show.audio).toEqual({ file: `${contentHash}.wav`, contentHash, duration: songDuration });
    expect(session.show.duration).toBe(songDuration);
    expect(session.show.beatGrid.beats).toEqual([]);
    expect(session.show.sections).toEqual([]);
    // Segments past the shorter song's end went with the same checkpoint.
    for (const prop of session.show.props)
      expect(prop.segments.at(-1)?.end ?? 0).toBeLessThanOrEqual(songDuration);

    await until(() => clock.state.duration === songDuration, 'the clock on the new song');
    await client.until(() => client.snapshot?.media.waveformUrl !== oldWaveform, 'the new media');
    const waveformUrl = client.snapshot?.media.waveformUrl as string;
    const peaks = WaveformPeaksSchema.parse(
      await (await fetch(new URL(waveformUrl, test.baseUrl), { headers: operator })).json(),
    );
    expect(peaks.min.length * peaks.bucketSeconds).toBeCloseTo(songDuration, 0);

    expect(await request(client.socket, 'transport:play', {})).toEqual({ ok: true });
    await until(() => clock.now() > 0.2, 'the new song playing');
    expect(await request(client.socket, 'transport:pause', {})).toEqual({ ok: true });

    await until(() => session.show.beatGrid.beats.length > 0, 'the beat grid from analysis', 15_000);
    const bpm = session.show.beatGrid.bpm ?? 0;
    expect(Math.abs(bpm - 128)).toBeLessThan(2);
    // The controllers saw the analysis of this song run to its end, in order.
    const ofSong = progress.filter((step) => step.contentHash === contentHash);
    expect(ofSong.at(-1)).toMatchObject({ stage: 'done', fraction: 1 });
    const fractions = ofSong.map((step) => step.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));

    // The same song again changes nothing (and keeps its grid).
    const revision = session.revision;
    const again = await importFile('same song.wav', wav);
    expect(again).toMatchObject({ status: 200, body: { ok: true } });
    expect(again.body.revision).toBeUndefined();
    expect(session.revision).toBe(revision);
    expect(session.show.beatGrid.beats.length).toBeGreaterThan(0);
  });

  it('goes back to the old song with one undo of the import', async () => {
    const { session, clock } = test.daemon;
    // The analysed grid came as a checkpoint of its own: undo it first, then the import.
    expect(await request(client.socket, 'history:undo', {})).toMatchObject({ ok: true });
    expect(session.show.audio?.file).not.toBe('demo-song.wav');
    expect(await request(client.socket, 'history:undo', {})).toMatchObject({ ok: true });
    expect(session.show.audio?.file).toBe('demo-song.wav');
    expect(session.show.duration).toBe(demo.showDuration);
    expect(session.show.beatGrid.beats.length).toBeGreaterThan(0);
    await until(() => clock.state.duration === demo.clockDuration, 'the clock back on the demo song');
    await client.until(
      () => client.snapshot?.media.waveformUrl === demo.waveformUrl,
      'the demo song’s media',
    );
    expect(await request(client.socket, 'transport:play', {})).toEqual({ ok: true });
    await until(() => clock.now() > 0.2, 'the demo song playing');
    expect(await request(client.socket, 'transport:pause', {})).toEqual({ ok: true });
  });

  it('keeps playing the song it has when the show names one that is gone', async () => {
    const { session, clock } = test.daemon;
    const stored = createHash('sha256').update(wav).digest('hex');
    await unlink(join(test.dataDir, 'media', `${stored}.wav`));
    expect(await request(client.socket, 'history:redo', {})).toMatchObject({ ok: true });
    expect(session.show.audio?.contentHash).toBe(stored);
    await until(() => test.log.some((line) => line.includes('was not found')), 'the missing song logged');
    expect(clock.state.duration).toBe(demo.clockDuration);
    expect(await request(client.socket, 'transport:play', {})).toEqual({ ok: true });
    await until(() => clock.now() > 0.2, 'the demo song playing on');
    expect(await request(client.socket, 'transport:pause', {})).toEqual({ ok: true });
  });
});

describe('a show without a song', () => {
  it('gets its first song from the silent clock, and loses it again on undo', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'smlive-songless-'));
    const { audio: _audio, ...show } = demoShow({
      file: 'none.wav',
      contentHash: '0'.repeat(64),
      duration: 40,
    });
    const showFile = join(folder, 'songless.json');
    await writeFile(showFile, JSON.stringify({ ...show, id: 'songless' }));
    const songless = await startTestDaemon({ show: { kind: 'file', path: showFile } });
    try {
      const { clock, session } = songless.daemon;
      expect(clock.source).toBeInstanceOf(VirtualClock);
      expect((await importFile('first song.wav', wav, operator, songless)).status).toBe(200);
      await until(() => clock.source instanceof AudioPlayback, 'the song behind the clock');
      expect(clock.state.duration).toBe(songDuration);
      clock.play();
      await until(() => clock.now() > 0.2, 'the first song playing');
      clock.pause();

      expect((await session.undo({ author: 'operator' })).ok).toBe(true);
      await until(() => clock.source instanceof VirtualClock, 'the silent clock back');
      expect(clock.state.duration).toBe(40);
    } finally {
      await songless.stop();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
