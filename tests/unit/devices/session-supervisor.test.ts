import { afterEach, describe, expect, it } from 'vitest';
import { SessionSupervisor, type Session } from '../../../src/devices/session-supervisor.js';
import { sleep, until } from '../../support/wait.js';

class CountingSession implements Session {
  closed = 0;
  close(): Promise<void> {
    this.closed += 1;
    return Promise.resolve();
  }
}

describe('SessionSupervisor: the reconnect discipline', () => {
  let supervisor: SessionSupervisor<CountingSession> | null = null;
  afterEach(async () => {
    await supervisor?.destroy();
    supervisor = null;
  });

  it('retries a failed open with one timer at a time, and destroy() stops retries for good', async () => {
    let attempts = 0;
    const events: string[] = [];
    supervisor = new SessionSupervisor<CountingSession>({
      retryDelayMs: 20,
      open: () => {
        attempts += 1;
        return Promise.reject(new Error(`not plugged in (${attempts})`));
      },
      onConnecting: () => events.push('connecting'),
      onConnected: () => events.push('connected'),
      onDisconnected: (reason) => events.push(reason),
    });
    supervisor.start();
    supervisor.start();
    await until(() => attempts >= 3, 'three attempts');
    await supervisor.destroy();
    const after = attempts;
    await sleep(100);
    expect(attempts).toBe(after);
    expect(events.slice(0, 4)).toEqual([
      'connecting',
      'not plugged in (1)',
      'connecting',
      'not plugged in (2)',
    ]);
  });

  it('on loss it closes the old session, reports it once and reconnects with a new one', async () => {
    const sessions: CountingSession[] = [];
    let lose: ((reason: string) => void) | null = null;
    const events: string[] = [];
    supervisor = new SessionSupervisor<CountingSession>({
      retryDelayMs: 10,
      open: (lost) => {
        lose = lost;
        const session = new CountingSession();
        sessions.push(session);
        return Promise.resolve(session);
      },
      onConnecting: () => events.push('connecting'),
      onConnected: () => events.push('connected'),
      onDisconnected: (reason, wasConnected) => events.push(`${reason}/${wasConnected}`),
    });
    supervisor.start();
    await until(() => supervisor?.current === sessions[0], 'first session');
    const first = lose as unknown as (reason: string) => void;
    first('port closed');
    first('port closed again');
    await until(() => sessions.length === 2 && supervisor?.current === sessions[1], 'second session');
    expect(sessions[0]?.closed).toBe(1);
    expect(events).toEqual(['connecting', 'connected', 'port closed/true', 'connecting', 'connected']);
    await supervisor.destroy();
    expect(sessions[1]?.closed).toBe(1);
  });

  it('a session that opens after destroy() is closed at once, never used', async () => {
    let release: (() => void) | null = null;
    const session = new CountingSession();
    supervisor = new SessionSupervisor<CountingSession>({
      retryDelayMs: 10,
      open: () => new Promise((resolve) => (release = () => resolve(session))),
      onConnecting: () => undefined,
      onConnected: () => {
        throw new Error('must not connect after destroy');
      },
      onDisconnected: () => undefined,
    });
    supervisor.start();
    await until(() => release !== null, 'the open to start');
    await supervisor.destroy();
    (release as unknown as () => void)();
    await until(() => session.closed === 1, 'the late session closed');
    expect(supervisor.current).toBeNull();
  });
});
