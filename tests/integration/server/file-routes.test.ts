import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtualLink } from '../../../src/devices/virtual/virtual-link.js';
import { decodePrg, encodePrg } from '../../../src/show/formats/index.js';
import { startTestDaemon, TEST_TOKEN, type TestDaemon } from '../../support/test-daemon.js';

let daemon: TestDaemon;
const auth = { authorization: `Bearer ${TEST_TOKEN}` };

beforeAll(async () => {
  daemon = await startTestDaemon();
});
afterAll(async () => {
  await daemon?.stop();
});

async function importFile(name: string, bytes: Uint8Array, headers: Record<string, string> = auth) {
  const response = await fetch(new URL(`/api/import?filename=${encodeURIComponent(name)}`, daemon.baseUrl), {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/octet-stream' },
    body: Buffer.from(bytes),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const ballProgram = encodePrg({
  refreshRate: 100,
  defaultPixels: 1,
  trailer: 0,
  segments: [
    { kind: 'solid', frames: 200, pixels: 1, color: [255, 0, 0] },
    { kind: 'fade', frames: 100, pixels: 1, from: [0, 0, 255], to: [0, 255, 0] },
  ],
});

describe('file routes of the daemon', () => {
  it('imports a .prg as a new prop in one checkpoint', async () => {
    const before = daemon.daemon.session.revision;
    const { status, body } = await importFile('juggle ball.prg', ballProgram);
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, revision: before + 1 });
    const prop = daemon.daemon.session.show.props.find((candidate) => candidate.id === 'juggle-ball');
    expect(prop?.segments.map((segment) => [segment.start, segment.end, segment.look.kind])).toEqual([
      [0, 2, 'solid'],
      [2, 3, 'fade'],
    ]);
  });

  it('refuses a malformed file with what is wrong, and changes nothing', async () => {
    const before = daemon.daemon.session.revision;
    const broken = ballProgram.slice(0, 30);
    const { status, body } = await importFile('broken.prg', broken);
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toMatch(/offset|byte|truncat|ends/i);
    expect(daemon.daemon.session.revision).toBe(before);
    expect((await importFile('x.prg', ballProgram, {})).status).toBe(401);
  });

  it('exports a prop as an LTX .prg that decodes and plays its timeline', async () => {
    const propId = daemon.daemon.session.show.props[0]!.id;
    const response = await fetch(new URL(`/api/props/${propId}/program.prg`, daemon.baseUrl), {
      headers: auth,
    });
    expect(response.status).toBe(200);
    const program = decodePrg(new Uint8Array(await response.arrayBuffer()));
    expect(program.refreshRate).toBe(100);
    const frames = program.segments.reduce((sum, segment) => sum + segment.frames, 0);
    expect(frames).toBe(Math.round(daemon.daemon.session.show.duration * 100));
  });

  it('uploads a prop’s program to its link', async () => {
    const propId = daemon.daemon.session.show.props[0]!.id;
    const response = await fetch(new URL(`/api/props/${propId}/upload`, daemon.baseUrl), {
      method: 'POST',
      headers: auth,
    });
    expect(response.status).toBe(200);
    const link = daemon.daemon.links.find((candidate) =>
      candidate.props.some((prop) => prop.propId === propId),
    ) as VirtualLink;
    const stored = link.program(propId);
    expect(stored?.name).toBe(`${propId}.prg`);
    expect(decodePrg(stored!.bytes).segments.length).toBeGreaterThan(0);
  });

  it('answers for unknown props and devices', async () => {
    expect(
      (await fetch(new URL('/api/props/nope/program.prg', daemon.baseUrl), { headers: auth })).status,
    ).toBe(404);
    expect(
      (await fetch(new URL('/api/devices/nope/reconnect', daemon.baseUrl), { method: 'POST', headers: auth }))
        .status,
    ).toBe(404);
  });
});
