import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openStorage } from '../../../src/storage/index.js';
import { temporaryDataDirs } from '../../support/storage-fixtures.js';

const dirs = temporaryDataDirs();
afterAll(() => dirs.removeAll());
const time = (second: number) => new Date(Date.UTC(2026, 0, 1, 20, 0, second)).toISOString();

describe('settings store', () => {
  it('keeps JSON values across restarts and checks them against the reader’s schema', async () => {
    const dataDir = dirs.next();
    let storage = await openStorage(dataDir);
    await storage.settings.set('lastShow', 'finale');
    await storage.settings.set('devices', { ball1: '/dev/ttyUSB0' });
    await storage.settings.set('lastShow', 'opener');
    await storage.settings.set('volume', 0.8);
    await storage.settings.delete('volume');
    await storage.close();

    storage = await openStorage(dataDir);
    expect(await storage.settings.get('lastShow', z.string())).toBe('opener');
    expect(await storage.settings.get('devices', z.record(z.string(), z.string()))).toEqual({
      ball1: '/dev/ttyUSB0',
    });
    expect(await storage.settings.get('volume', z.number())).toBeUndefined();
    expect(await storage.settings.keys()).toEqual(['devices', 'lastShow']);
    await expect(storage.settings.get('lastShow', z.number())).rejects.toThrow(
      /settings\.db:\d+: setting "lastShow" is not valid: .*expected number/,
    );
    await expect(storage.settings.set('nothing', undefined)).rejects.toThrow(/needs a name and a JSON value/);
    await storage.close();
  });

  it('a hand-edited value that is not JSON is named with its line', async () => {
    const dataDir = dirs.next();
    let storage = await openStorage(dataDir);
    await storage.settings.set('a', 1);
    await storage.settings.set('b', 2);
    await storage.close();
    const file = join(dataDir, 'settings.db');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"value":"2"', '"value":"2,"'));
    storage = await openStorage(dataDir);
    await expect(storage.settings.get('b', z.number())).rejects.toThrow(`${file}:2: setting "b" is not JSON`);
    expect(await storage.settings.get('a', z.number())).toBe(1);
    await storage.close();
  });
});

describe('chat store', () => {
  it('keeps each show’s conversation in order across restarts, meta included', async () => {
    const dataDir = dirs.next();
    let storage = await openStorage(dataDir);
    await storage.chat.append({
      showId: 'opener',
      role: 'user',
      content: 'make the chorus red',
      time: time(1),
    });
    await storage.chat.append({
      showId: 'opener',
      role: 'assistant',
      content: 'Done: 4 segments.',
      time: time(2),
      meta: { 'model.name': 'qwen2.5', $tokens: 41, checkpoint: 'opener@3' },
    });
    await storage.chat.append({
      showId: 'finale',
      role: 'user',
      content: 'strobe at the drop',
      time: time(3),
    });
    await storage.close();

    storage = await openStorage(dataDir);
    const opener = await storage.chat.list('opener');
    expect(opener.map((message) => [message.seq, message.role, message.content])).toEqual([
      [1, 'user', 'make the chorus red'],
      [2, 'assistant', 'Done: 4 segments.'],
    ]);
    expect(opener[1]?.meta).toEqual({ 'model.name': 'qwen2.5', $tokens: 41, checkpoint: 'opener@3' });
    const next = await storage.chat.append({
      showId: 'opener',
      role: 'user',
      content: 'undo that',
      time: time(4),
    });
    expect(next.seq).toBe(3);
    expect((await storage.chat.list('opener', { last: 1 })).map((message) => message.content)).toEqual([
      'undo that',
    ]);
    await storage.chat.clear('opener');
    expect(await storage.chat.list('opener')).toEqual([]);
    expect(await storage.chat.list('finale')).toHaveLength(1);
    await storage.close();
  });

  it('refuses an invalid message and stores nothing', async () => {
    const dataDir = dirs.next();
    const storage = await openStorage(dataDir);
    await expect(
      storage.chat.append({ showId: 'opener', role: 'robot' as never, content: 'hi', time: time(1) }),
    ).rejects.toThrow(/invalid chat message: role/);
    await expect(
      storage.chat.append({ showId: 'opener', role: 'user', content: 'hi', time: 'yesterday' }),
    ).rejects.toThrow(/invalid chat message: time/);
    expect(await storage.chat.list('opener')).toEqual([]);
    await storage.close();
  });
});
